package code

import (
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// AddDocumentRoutes adds the operations of an OpenAPI document ("METHOD
// /path") to the routes, for a contract-first server whose controllers
// implement interfaces generated from that document at build time: the
// routes are declared in the document, not in the committed code. A route
// already found in the code, with or without an api/vN prefix, is not
// counted twice. ev is where the code implements the generated interfaces.
func AddDocumentRoutes(f *facts.Facts, keys []string, ev facts.Location) {
	seen := map[string]bool{}
	for _, k := range f.Routes.List {
		seen[unprefixed(k)] = true
	}
	resources := map[string]bool{}
	for _, r := range f.Routes.Resources {
		resources[strings.TrimSuffix(r, "s")] = true
	}
	added := false
	for _, k := range keys {
		meth, p, ok := strings.Cut(k, " ")
		if !ok {
			continue
		}
		key := strings.ToUpper(meth) + " " + normPath(p)
		if seen[unprefixed(key)] {
			continue
		}
		seen[unprefixed(key)] = true
		added = true
		f.Routes.List = append(f.Routes.List, key)
		if f.Routes.Methods == nil {
			f.Routes.Methods = map[string]int{}
		}
		f.Routes.Methods[strings.ToUpper(meth)]++
		if seg := firstSegment(normPath(p)); isResource(seg) {
			if r := strings.TrimSuffix(seg, "s"); !resources[r] {
				resources[r] = true
				f.Routes.Resources = append(f.Routes.Resources, seg)
			}
		}
	}
	if !added {
		return
	}
	sort.Strings(f.Routes.List)
	sort.Strings(f.Routes.Resources)
	f.Endpoints = len(f.Routes.List)
	f.Routes.Evidence = scan.AddEvidence(f.Routes.Evidence, ev)
}

// unprefixed drops the api and vN segments before the first segment of a
// "METHOD /path" key.
func unprefixed(key string) string {
	meth, p, _ := strings.Cut(key, " ")
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for len(segs) > 1 && isAPIPrefix(strings.ToLower(segs[0])) {
		segs = segs[1:]
	}
	return meth + " /" + strings.Join(segs, "/")
}
