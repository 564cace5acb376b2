package scan_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// TestNormalWorkSurvey prints how many bytes the anchored tries read on
// the files of real repositories, against the files' lengths: the budget
// must sit well above it. VETFOLIO_NORMAL_DIRS=dir1:dir2 go test
// ./internal/scan -run TestNormalWorkSurvey -v
func TestNormalWorkSurvey(t *testing.T) {
	dirs := filepath.SplitList(os.Getenv("VETFOLIO_NORMAL_DIRS"))
	if len(dirs) == 0 {
		t.Skip("set VETFOLIO_NORMAL_DIRS to survey real files")
	}
	type file struct {
		path string
		size int
	}
	var files []file
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				if e != nil && e.Name() == ".git" {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := e.Info(); err == nil && info.Size() <= 1<<20 && scan.IsSource(p) {
				files = append(files, file{p, int(info.Size())})
			}
			return nil
		})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].size > files[j].size })
	files = files[:min(len(files), 200)]
	var anchored []string
	for _, p := range scan.RegisteredPatterns() {
		if ok, _, _ := scan.AnchoredShape(p); ok {
			anchored = append(anchored, p)
		}
	}
	worst, worstPath, worstPattern, total, totalLen, calls := 0.0, "", "", 0, 0, 0
	over := map[int]int{} // bytes per byte -> searches whose tries read more than that many times the file
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			continue
		}
		for _, p := range anchored {
			if !scan.MayMatch(p, data) {
				continue
			}
			_, all, _, match := scan.TriesWork(p, data, scan.Unlimited)
			calls++
			total += all + match
			totalLen += 2 * len(data)
			for _, k := range []int{1, 2, 4, 8} {
				if max(all, match) > k*len(data)+16<<10 {
					over[k]++
				}
			}
			if r := float64(max(all, match)) / float64(len(data)+1); r > worst {
				worst, worstPath, worstPattern = r, f.path, p
			}
		}
	}
	t.Logf("%d files, %d searches: the tries read %.3f bytes per byte searched; worst %.2f per byte, %s on %s",
		len(files), calls, float64(total)/float64(max(totalLen, 1)), worst, worstPattern, worstPath)
	t.Logf("searches reading over k bytes per byte + 16 KiB: %v", over)
}
