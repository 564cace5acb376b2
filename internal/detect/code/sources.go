package code

import (
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// maxSourcePaths bounds the paths kept to say where the checks looked.
const maxSourcePaths = 50000

// maxPlaces is how many files and folders a FAIL names.
const maxPlaces = 4

// sourcesState keeps the application source paths read, by group.
type sourcesState struct {
	paths map[string][]string
	kept  int
}

func (s *sourcesState) see(group, p string) {
	if s.paths == nil {
		s.paths = map[string][]string{}
	}
	if group == "" || s.kept >= maxSourcePaths {
		return
	}
	s.paths[group] = append(s.paths[group], p)
	s.kept++
}

// finish writes facts.Sources: the project's group's files when it has
// some, every group's otherwise.
func (s *sourcesState) finish(inv *facts.Facts) {
	grp := stacks.GroupOf(inv.Stack.Language)
	paths := s.paths[grp]
	lang := ""
	if pk := stacks.ByID(grp); pk != nil && len(paths) > 0 {
		lang = pk.Name
	} else {
		paths = nil
		for _, ps := range s.paths {
			paths = append(paths, ps...)
		}
	}
	places, more := placesOf(paths)
	inv.Sources = facts.Sources{Files: len(paths), Language: lang, Places: places, More: more}
}

// placesOf names where paths sit: root files by name, then folders as
// "dir/**", biggest first. A tree whose files all sit under one folder
// (backend/, src/) is described one level further down.
func placesOf(paths []string) ([]string, bool) {
	prefix := ""
	for depth := 0; depth < 3; depth++ {
		dirs := map[string]bool{}
		root := false
		for _, p := range paths {
			rest := strings.TrimPrefix(p, prefix)
			if d, _, ok := strings.Cut(rest, "/"); ok {
				dirs[d] = true
			} else {
				root = true
			}
		}
		if root || len(dirs) != 1 {
			break
		}
		for d := range dirs {
			prefix += d + "/"
		}
	}
	var files []string
	count := map[string]int{}
	for _, p := range paths {
		rest := strings.TrimPrefix(p, prefix)
		if d, _, ok := strings.Cut(rest, "/"); ok {
			count[prefix+d+"/**"]++
		} else {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	dirs := make([]string, 0, len(count))
	for d := range count {
		dirs = append(dirs, d)
	}
	sort.Slice(dirs, func(i, j int) bool {
		if count[dirs[i]] != count[dirs[j]] {
			return count[dirs[i]] > count[dirs[j]]
		}
		return dirs[i] < dirs[j]
	})
	// Root files first (the entry point is usually one), then folders;
	// keep room for the biggest folder when there are many root files.
	nf := min(len(files), maxPlaces)
	if len(dirs) > 0 && nf == maxPlaces {
		nf = maxPlaces - 1
	}
	places := append([]string(nil), files[:nf]...)
	nd := min(len(dirs), maxPlaces-len(places))
	places = append(places, dirs[:nd]...)
	return places, nf < len(files) || nd < len(dirs)
}
