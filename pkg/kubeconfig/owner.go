package kubeconfig

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// matchOwner gives f, the temp file about to replace orig, orig's owner and
// group, so that running kmctl as another user (root through `sudo -E`) does
// not take the kubeconfig away from its owner. orig nil (a new file) keeps
// f's owner. Without root, giving a file away fails with EPERM; that is
// ignored, and the file ends up ours as it would with any editor. As root,
// every failure is returned.
func matchOwner(f *os.File, orig fs.FileInfo) error {
	want, ok := ownerOf(orig)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if have, ok := ownerOf(fi); ok && have == want {
		return nil
	}
	err = chownFile(f, want.uid, want.gid)
	if errors.Is(err, syscall.EPERM) && geteuid() != 0 {
		return nil
	}
	return err
}

// owner is a file's numeric user and group.
type owner struct{ uid, gid int }

// ownerOf returns fi's owner; false when fi is nil or the platform does not
// report one.
func ownerOf(fi fs.FileInfo) (owner, bool) {
	if fi == nil {
		return owner{}, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return owner{}, false
	}
	return owner{uid: int(st.Uid), gid: int(st.Gid)}, true
}

// geteuid and chownFile are variables so tests can pretend not to be root.
var (
	geteuid   = os.Geteuid
	chownFile = (*os.File).Chown
)
