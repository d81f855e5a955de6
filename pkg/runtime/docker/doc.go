// Package docker runs the components of a kmctl cluster as Docker containers,
// through the Docker Engine Go SDK (it never shells out to the docker CLI).
//
// Each cluster gets a bridge network "kmctl-<cluster>" and one container per
// component, "kmctl-<cluster>-<component>". Everything kmctl creates carries
// the label LabelCluster, so a cluster can be found and removed even when its
// work dir is gone (RemoveCluster, Clusters).
//
// # Images
//
// A component names an upstream image. When it is absent and cannot be
// pulled (offline, no registry), EnsureImage builds a local image from the
// component's host binary instead: an otherwise empty image holding just that
// static executable at its ImageBinary path and an empty /tmp, imported with
// ImageImport (no registry and no builder needed). Built images are tagged
// kmctl.local/<binary name>:<first 12 hex of the binary's sha256>, so a
// rebuilt binary yields a new image, and carry the label LabelBuilt.
//
// # Containers
//
// A container runs ImageBinary as its entrypoint with the component's args
// and env, as the host user running kmctl (so it reads the 0600 keys, and
// upstream Prometheus, which runs as nobody, can write its data dir), in "/". Its ports are published
// on 127.0.0.1 only. The cluster's work dir is bind-mounted read-only at the
// same absolute path, so every path in the args means the same thing inside
// and outside; the component's own mounts are bound over it at their paths.
// Logs use the json-file driver, rotated at 50 MB with 2 files kept.
//
// # Restarts
//
// Containers have the restart policy "no": after a Docker daemon restart or a
// reboot they stay stopped. Meanwhile `kmctl get clusters` shows the cluster
// as stopped or degraded, and `kmctl start cluster` starts the existing
// containers again, with their configuration unchanged.
package docker
