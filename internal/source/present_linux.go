package source

import (
	"syscall"
	"unsafe"
)

// listDir calls each with the name and kind of every
// entry of the folder at dir; false when it is not a folder that can be
// read (or is a symlink), with each maybe called for some entries.
func listDir(dir string, buf []byte, each func(name []byte, k entryKind)) bool {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	for {
		n, err := syscall.Getdents(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return false
		}
		if n <= 0 {
			return true
		}
		// struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16,
		// d_type u8, d_name NUL-terminated.
		for b := buf[:n]; len(b) >= 19; {
			reclen := int(*(*uint16)(unsafe.Pointer(&b[16])))
			if reclen < 19 || reclen > len(b) {
				return false
			}
			name := b[19:reclen]
			for j, c := range name {
				if c == 0 {
					name = name[:j]
					break
				}
			}
			k := unseen
			switch b[18] {
			case syscall.DT_REG:
				k = regularFile
			case syscall.DT_LNK:
				k = symlink
			case syscall.DT_UNKNOWN:
			default:
				k = other
			}
			each(name, k)
			b = b[reclen:]
		}
	}
}
