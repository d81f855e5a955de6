package workload

import (
	"fmt"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/kmctl/kmctl/pkg/scale"
)

// applyDefaults gives ops without a template kmctl scale's default shape,
// so that the runner and the capacity check see the same nodes and pods.
func applyDefaults(op *Op) {
	if op.Template != "" || op.TemplateText != "" {
		return
	}
	switch op.Op {
	case OpCreateNodes:
		op.CPU = or(op.CPU, scale.DefaultNodeCPU)
		op.Memory = or(op.Memory, scale.DefaultNodeMemory)
		if op.Pods == 0 {
			op.Pods = scale.DefaultNodePods
		}
	case OpCreatePods, OpChurn:
		op.CPU = or(op.CPU, scale.DefaultPodCPU)
		op.Memory = or(op.Memory, scale.DefaultPodMemory)
	}
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// fleet is what the nodes created so far hold.
type fleet struct {
	nodes, pods       int64
	cpu, memory, gpu  resource.Quantity
	maxCPU, maxMemory resource.Quantity
	maxGPU            int64
	unknownShape      bool
}

// demand is what the pods created so far ask for.
type demand struct {
	pods        int64
	cpu, memory resource.Quantity
}

// checkCapacity walks the ops in order and fails at the first one whose
// pods cannot fit the nodes created before it.
func (p *parser) checkCapacity(w *Workload, opsNode *yaml.Node) error {
	var f fleet
	var d demand
	for i := range w.Ops {
		op := &w.Ops[i]
		applyDefaults(op)
		at := opsNode.Content[i]
		switch op.Op {
		case OpCreateNodes:
			f.add(op)
		case OpCreatePods, OpChurn:
			if op.Unschedulable {
				continue
			}
			n := int64(op.Count)
			if op.Op == OpChurn && op.Mode == ChurnCreate {
				n *= int64(op.Duration.Duration / op.Interval.Duration)
			}
			if err := f.fits(op, &d, n); err != nil {
				return p.errorf(at, "%s %q %v", op.Op, w.OpName(i), err)
			}
		}
	}
	return nil
}

func (f *fleet) add(op *Op) {
	n := int64(op.Count)
	f.nodes += n
	f.pods += n * int64(op.Pods)
	if op.Template != "" || op.TemplateText != "" {
		f.unknownShape = true
		return
	}
	cpu, mem := resource.MustParse(op.CPU), resource.MustParse(op.Memory)
	if cpu.Cmp(f.maxCPU) > 0 {
		f.maxCPU = cpu
	}
	if mem.Cmp(f.maxMemory) > 0 {
		f.maxMemory = mem
	}
	f.maxGPU = max(f.maxGPU, int64(op.GPU))
	cpu.Mul(n)
	mem.Mul(n)
	f.cpu.Add(cpu)
	f.memory.Add(mem)
}

// fits adds n pods of op to d and says why they do not fit f.
func (f *fleet) fits(op *Op, d *demand, n int64) error {
	d.pods += n
	if f.nodes == 0 {
		return fmt.Errorf("creates pods before any createNodes op: add nodes first, or mark the pods unschedulable: true")
	}
	if f.pods > 0 && d.pods > f.pods {
		return fmt.Errorf("asks for %d pods in all but the %d nodes before it hold %d; add nodes or lower count", d.pods, f.nodes, f.pods)
	}
	if f.unknownShape || op.Template != "" || op.TemplateText != "" {
		return nil // a template's shape is known only when rendered
	}
	cpu, mem := resource.MustParse(op.CPU), resource.MustParse(op.Memory)
	if cpu.Cmp(f.maxCPU) > 0 || mem.Cmp(f.maxMemory) > 0 || int64(op.GPU) > f.maxGPU {
		return fmt.Errorf("asks for %s CPU, %s memory and %d GPU per pod, more than any node holds; mark it unschedulable: true if that is the point", op.CPU, op.Memory, op.GPU)
	}
	if op.PriorityClass != "" {
		return nil // pods of a priority may preempt others
	}
	cpu.Mul(n)
	mem.Mul(n)
	d.cpu.Add(cpu)
	d.memory.Add(mem)
	if d.cpu.Cmp(f.cpu) > 0 || d.memory.Cmp(f.memory) > 0 {
		return fmt.Errorf("brings the pods' requests to %s CPU and %s memory, more than the nodes before it hold (%s CPU, %s memory); add nodes or lower count", d.cpu.String(), d.memory.String(), f.cpu.String(), f.memory.String())
	}
	return nil
}
