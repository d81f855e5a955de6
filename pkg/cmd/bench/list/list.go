// Package list implements `kmctl bench list`.
package list

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"sigs.k8s.io/yaml"

	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/workload"
)

// NewCommand returns `kmctl bench list`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var output string
	c := &cobra.Command{
		Use:   "list",
		Short: "List the built-in workloads, their params and defaults",
		Long: `List the built-in workloads of kmctl bench run, named after scheduler_perf's
test cases, with their params (--param NAME=VALUE) and defaults. Their files
are under templates/workloads; copy one to start a workload of your own.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			infos, err := workload.Builtins()
			if err != nil {
				return err
			}
			return print(g.Out, infos, output)
		},
	}
	c.Flags().StringVarP(&output, "output", "o", "", "output format: name, json or yaml (default: a table)")
	return c
}

func print(w io.Writer, infos []workload.Info, format string) error {
	switch format {
	case "":
		return table(w, infos)
	case "name":
		for _, in := range infos {
			fmt.Fprintln(w, in.Name)
		}
		return nil
	case "json":
		data, err := json.MarshalIndent(infos, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, string(data))
		return err
	case "yaml":
		data, err := yaml.Marshal(infos)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	return fmt.Errorf("-o %q: want name, json or yaml", format)
}

func table(w io.Writer, infos []workload.Info) error {
	tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "NAME\tPARAMS\tDESCRIPTION")
	for _, in := range infos {
		params := make([]string, len(in.Params))
		for i, p := range in.Params {
			params[i] = p.Name + "=" + p.Default
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", in.Name, strings.Join(params, " "), in.Description)
	}
	return tw.Flush()
}
