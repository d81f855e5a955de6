// Package kubeconfig builds kubeconfig entries for kmctl clusters and merges
// them into (or removes them from) a user's kubeconfig file without losing
// anything else the file contains.
package kubeconfig

import (
	"errors"
	"fmt"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Options describe one cluster entry, one user entry and one context tying them.
type Options struct {
	Context   string // name used for the cluster, the user and the context, e.g. "kmctl-perf"
	Server    string // https://127.0.0.1:6443
	CAData    []byte // PEM
	CertData  []byte // PEM client cert
	KeyData   []byte // PEM client key
	Namespace string // optional
}

// Build renders a standalone kubeconfig holding exactly one cluster, one
// user and one context, all named o.Context, with current-context set to it.
// The result is suitable as the entry argument of Merge.
func Build(o Options) ([]byte, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[o.Context] = &clientcmdapi.Cluster{
		Server:                   o.Server,
		CertificateAuthorityData: o.CAData,
	}
	cfg.AuthInfos[o.Context] = &clientcmdapi.AuthInfo{
		ClientCertificateData: o.CertData,
		ClientKeyData:         o.KeyData,
	}
	cfg.Contexts[o.Context] = &clientcmdapi.Context{
		Cluster:   o.Context,
		AuthInfo:  o.Context,
		Namespace: o.Namespace,
	}
	cfg.CurrentContext = o.Context
	out, err := clientcmd.Write(*cfg)
	if err != nil {
		return nil, fmt.Errorf("encode kubeconfig for context %q: %w", o.Context, err)
	}
	return out, nil
}

// validate reports missing or inconsistent fields of o.
func (o Options) validate() error {
	if o.Context == "" {
		return errors.New("kubeconfig options: context name is empty; set Options.Context")
	}
	if o.Server == "" {
		return fmt.Errorf("kubeconfig options for %q: server URL is empty; set Options.Server", o.Context)
	}
	if (len(o.CertData) == 0) != (len(o.KeyData) == 0) {
		return fmt.Errorf("kubeconfig options for %q: client cert and key must be set together; pass both or neither", o.Context)
	}
	return nil
}
