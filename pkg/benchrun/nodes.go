package benchrun

import (
	"cmp"
	"context"
	"sort"
	"strconv"

	"github.com/kmctl/kmctl/pkg/scale"
	"github.com/kmctl/kmctl/pkg/workload"
)

// createNodes creates the op's nodes and waits until they are Ready.
func (r *run) createNodes(ctx context.Context, i int) error {
	op := r.w.Ops[i]
	common, err := r.scaleOptions(ctx, i, r.prefixOf(i), op.Count, true)
	if err != nil {
		return err
	}
	s, err := scale.NewNodeScaler(scale.NodeOptions{
		Options: common, CPU: op.CPU, Memory: op.Memory, Pods: op.Pods, GPU: op.GPU,
		EphemeralStorage: cmp.Or(op.EphemeralStorage, scale.DefaultNodeStorage),
		Resources:        pairs(op.Resources), Taints: op.Taints, Zones: op.Zones,
	})
	if err != nil {
		return err
	}
	_, err = s.Run(ctx, r.client)
	return err
}

// scaleOptions are the options of kmctl scale for op i's objects: its
// prefix, labels (with the run's), template and shape.
func (r *run) scaleOptions(ctx context.Context, i int, prefix string, replicas int, wait bool) (scale.Options, error) {
	op := r.w.Ops[i]
	o := scale.Options{
		Replicas: replicas, Prefix: prefix,
		Labels:      append(pairs(op.Labels), LabelRun+"="+r.id),
		Annotations: pairs(op.Annotations),
		Wait:        wait, WaitSet: wait, Timeout: opTimeout(op, r.o.OpTimeout), GrowOnly: replicas > 0,
		Parallel: writersOf(op), Rate: op.Rate, Progress: r.env.Progress,
	}
	if err := r.template(i, &o); err != nil {
		return o, err
	}
	return o, ctx.Err()
}

// template points o at op i's template: inline, or a file beside the
// workload (embedded for the built-ins).
func (r *run) template(i int, o *scale.Options) error {
	op := r.w.Ops[i]
	switch {
	case op.TemplateText != "":
		o.TemplateFile, o.TemplateText = r.w.Source+" ops["+strconv.Itoa(i)+"].templateText", op.TemplateText
	case op.Template != "":
		data, err := r.w.ReadFile(op.Template)
		if err != nil {
			return err
		}
		o.TemplateFile, o.TemplateText = op.Template, string(data)
	}
	return nil
}

// pairs turns a map into sorted k=v items, as kmctl scale's flags take.
func pairs(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// writersOf is how many creates and deletes op keeps in flight.
func writersOf(op workload.Op) int {
	if op.Writers > 0 {
		return op.Writers
	}
	return scale.DefaultParallel
}
