package container

import (
	"path"
	"strings"
)

// layerDirs maps folder names to the layer they hold.
var layerDirs = map[string]string{
	"controller": "controller", "controllers": "controller", "routers": "controller", "router": "controller",
	"routes": "controller", "handlers": "controller", "handler": "controller", "endpoints": "controller",
	"views": "controller", "rest": "controller", "resource": "controller", "resources": "controller",
	"service": "service", "services": "service", "usecase": "service", "usecases": "service", "use_cases": "service",
	"repository": "repository", "repositories": "repository", "repo": "repository", "repos": "repository",
	"dao": "repository", "daos": "repository", "crud": "repository", "store": "repository", "stores": "repository",
	"persistence": "repository", "dal": "repository",
}

// layerSuffixes maps file-name endings to layers: UserController.java,
// users.controller.ts, user_service.py, user_repository.go, crud.py.
var layerSuffixes = func() []layerSuffix {
	out := []layerSuffix{}
	for _, s := range []struct{ word, layer string }{
		{"controller", "controller"}, {"resource", "controller"}, {"handler", "controller"}, {"router", "controller"},
		{"views", "controller"},
		{"service", "service"}, {"usecase", "service"},
		{"repository", "repository"}, {"repo", "repository"}, {"dao", "repository"}, {"crud", "repository"},
	} {
		out = append(out, layerSuffix{word: s.word, layer: s.layer,
			ends:  [4]string{"_" + s.word, "." + s.word, "-" + s.word, "_" + s.word + "s"},
			camel: strings.ToUpper(s.word[:1]) + s.word[1:]})
	}
	return out
}()

// layerSuffix is one entry of layerSuffixes with the endings it is
// matched by built once, not for every file.
type layerSuffix struct {
	word, layer string
	ends        [4]string // _word, .word, -word, _words
	camel       string    // Word
}

// layerOf names the layer a source file belongs to by its folders or its
// name, or "". Folders win: services/user_repo.py is a service file.
func layerOf(p string) string {
	dir := path.Dir(p)
	for {
		// The folders from the innermost out, without splitting dir.
		i := strings.LastIndexByte(dir, '/')
		seg := dir[i+1:]
		if l, ok := layerDirs[strings.ToLower(seg)]; ok {
			// A "resources" folder of code is a JAX-RS layer only in Java or
			// Kotlin; a "store" folder is a Go data layer but a frontend's
			// state elsewhere.
			name := strings.ToLower(seg)
			jvm := strings.HasSuffix(p, ".java") || strings.HasSuffix(p, ".kt")
			if !(strings.HasPrefix(name, "resource") && !jvm) && !(strings.HasPrefix(name, "store") && !strings.HasSuffix(p, ".go")) {
				return l
			}
		}
		if i < 0 {
			break
		}
		dir = dir[:i]
	}
	base := path.Base(p)
	stem := strings.TrimSuffix(base, path.Ext(base))
	lower := strings.ToLower(stem)
	for _, s := range layerSuffixes {
		switch {
		case lower == s.word,
			strings.HasSuffix(lower, s.ends[0]), strings.HasSuffix(lower, s.ends[1]), strings.HasSuffix(lower, s.ends[2]),
			strings.HasSuffix(lower, s.ends[3]),
			len(stem) > len(s.word) && strings.HasSuffix(stem, s.camel):
			return s.layer
		}
	}
	return ""
}
