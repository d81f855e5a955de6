package components

import (
	"fmt"

	"sigs.k8s.io/yaml"
)

// PromConfig is the subset of Prometheus' configuration file that kmctl writes.
type PromConfig struct {
	Global        PromGlobal         `json:"global"`
	ScrapeConfigs []PromScrapeConfig `json:"scrape_configs"`
}

// PromGlobal holds the global scrape settings.
type PromGlobal struct {
	ScrapeInterval string `json:"scrape_interval"`
	ScrapeTimeout  string `json:"scrape_timeout,omitempty"`
}

// PromScrapeConfig is one scrape job with static targets.
type PromScrapeConfig struct {
	JobName       string             `json:"job_name"`
	Scheme        string             `json:"scheme,omitempty"`
	MetricsPath   string             `json:"metrics_path,omitempty"`
	TLSConfig     *PromTLSConfig     `json:"tls_config,omitempty"`
	StaticConfigs []PromStaticConfig `json:"static_configs"`
}

// PromTLSConfig says how to talk TLS to a target.
type PromTLSConfig struct {
	CAFile             string `json:"ca_file,omitempty"`
	CertFile           string `json:"cert_file,omitempty"`
	KeyFile            string `json:"key_file,omitempty"`
	InsecureSkipVerify bool   `json:"insecure_skip_verify,omitempty"`
}

// PromStaticConfig lists targets by host:port.
type PromStaticConfig struct {
	Targets []string          `json:"targets"`
	Labels  map[string]string `json:"labels,omitempty"`
}

// ScrapeTarget is one component Prometheus should scrape.
type ScrapeTarget struct {
	Job     string
	Address string // host:port
	HTTPS   bool
	// TLS is used for HTTPS targets; nil means skip verification without a client cert.
	TLS *PromTLSConfig
}

// BuildPrometheusConfig renders a Prometheus configuration scraping the given targets.
func BuildPrometheusConfig(interval string, targets []ScrapeTarget) ([]byte, error) {
	if interval == "" {
		interval = "15s"
	}
	cfg := PromConfig{Global: PromGlobal{ScrapeInterval: interval}}
	seen := map[string]bool{}
	for _, t := range targets {
		if seen[t.Job] {
			return nil, fmt.Errorf("duplicate scrape job %q", t.Job)
		}
		seen[t.Job] = true
		cfg.ScrapeConfigs = append(cfg.ScrapeConfigs, scrapeConfig(t))
	}
	return yaml.Marshal(cfg)
}

func scrapeConfig(t ScrapeTarget) PromScrapeConfig {
	sc := PromScrapeConfig{
		JobName:       t.Job,
		Scheme:        "http",
		StaticConfigs: []PromStaticConfig{{Targets: []string{t.Address}}},
	}
	if t.HTTPS {
		sc.Scheme = "https"
		sc.TLSConfig = t.TLS
		if sc.TLSConfig == nil {
			sc.TLSConfig = &PromTLSConfig{InsecureSkipVerify: true}
		}
	}
	return sc
}
