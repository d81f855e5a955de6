package schedconfig

import (
	"strings"
	"testing"

	schedv1 "k8s.io/kube-scheduler/config/v1"
	"sigs.k8s.io/yaml"
)

func int32p(v int32) *int32 { return &v }

const userConfig = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
podMaxBackoffSeconds: 3
percentageOfNodesToScore: 10
clientConnection:
  qps: 20
  contentType: application/vnd.kubernetes.protobuf
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      disabled:
      - name: ImageLocality
`

func decode(t *testing.T, data []byte) schedv1.KubeSchedulerConfiguration {
	t.Helper()
	var c schedv1.KubeSchedulerConfiguration
	if err := yaml.UnmarshalStrict(data, &c); err != nil {
		t.Fatalf("patched config does not decode: %v\n%s", err, data)
	}
	return c
}

func TestPatchAppliesOwnedFieldsAndKeepsTheRest(t *testing.T) {
	out, err := Patch([]byte(userConfig), "user.yaml", Options{
		Kubeconfig: "/k/scheduler.kubeconfig", QPS: 1000, Burst: 2000,
		Parallelism: int32p(32), Debug: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	c := decode(t, out)
	if c.ClientConnection.Kubeconfig != "/k/scheduler.kubeconfig" || c.ClientConnection.QPS != 1000 || c.ClientConnection.Burst != 2000 {
		t.Errorf("client connection not patched: %+v", c.ClientConnection)
	}
	if c.ClientConnection.ContentType != "application/vnd.kubernetes.protobuf" {
		t.Errorf("user's contentType lost: %+v", c.ClientConnection)
	}
	if *c.PercentageOfNodesToScore != 10 || *c.PodMaxBackoffSeconds != 3 || *c.Parallelism != 32 {
		t.Errorf("top-level fields wrong: pct=%v backoff=%v par=%v", *c.PercentageOfNodesToScore, *c.PodMaxBackoffSeconds, *c.Parallelism)
	}
	if len(c.Profiles) != 1 || c.Profiles[0].Plugins.Score.Disabled[0].Name != "ImageLocality" {
		t.Errorf("profiles lost: %+v", c.Profiles)
	}
	if c.EnableProfiling == nil || !*c.EnableProfiling {
		t.Errorf("debug did not enable profiling")
	}
	if c.LeaderElection.LeaderElect == nil || *c.LeaderElection.LeaderElect {
		t.Errorf("leader election should default to off")
	}
}

func TestPatchDefaults(t *testing.T) {
	out, err := Patch(nil, "", Options{Kubeconfig: "/k", PercentageOfNodesToScore: int32p(50)})
	if err != nil {
		t.Fatal(err)
	}
	c := decode(t, out)
	if c.APIVersion != APIVersion || c.Kind != Kind || *c.PercentageOfNodesToScore != 50 {
		t.Errorf("unexpected defaults: %s", out)
	}
	if c.ClientConnection.QPS != 0 || c.EnableProfiling != nil {
		t.Errorf("zero options must not set fields: %s", out)
	}
}

func TestPatchRejectsBadFiles(t *testing.T) {
	cases := map[string]struct{ data, want string }{
		"not yaml":      {"a: [b", "not valid YAML"},
		"a list":        {"- kind: KubeSchedulerConfiguration\n", "is a list, not a mapping"},
		"wrong kind":    {"apiVersion: kubescheduler.config.k8s.io/v1\nkind: Pod\n", "kind Pod"},
		"old version":   {"apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n", "v1beta3"},
		"unknown field": {"apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nbogus: 1\n", "bogus"},
		"wrong type":    {"apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nparallelism: many\n", "parallelism"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Patch([]byte(tc.data), "my.yaml", Options{Kubeconfig: "/k"})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "my.yaml") {
				t.Fatalf("got %v, want an error naming my.yaml and mentioning %q", err, tc.want)
			}
		})
	}
}
