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
var layerSuffixes = []struct{ word, layer string }{
	{"controller", "controller"}, {"resource", "controller"}, {"handler", "controller"}, {"router", "controller"},
	{"views", "controller"},
	{"service", "service"}, {"usecase", "service"},
	{"repository", "repository"}, {"repo", "repository"}, {"dao", "repository"}, {"crud", "repository"},
}

// layerOf names the layer a source file belongs to by its folders or its
// name, or "". Folders win: services/user_repo.py is a service file.
func layerOf(p string) string {
	dirs := strings.Split(path.Dir(p), "/")
	for i := len(dirs) - 1; i >= 0; i-- {
		if l, ok := layerDirs[strings.ToLower(dirs[i])]; ok {
			// A "resources" folder of code is a JAX-RS layer only in Java or
			// Kotlin; a "store" folder is a Go data layer but a frontend's
			// state elsewhere.
			name := strings.ToLower(dirs[i])
			jvm := strings.HasSuffix(p, ".java") || strings.HasSuffix(p, ".kt")
			if (strings.HasPrefix(name, "resource") && !jvm) || (strings.HasPrefix(name, "store") && !strings.HasSuffix(p, ".go")) {
				continue
			}
			return l
		}
	}
	base := path.Base(p)
	stem := strings.TrimSuffix(base, path.Ext(base))
	lower := strings.ToLower(stem)
	for _, s := range layerSuffixes {
		switch {
		case lower == s.word,
			strings.HasSuffix(lower, "_"+s.word), strings.HasSuffix(lower, "."+s.word), strings.HasSuffix(lower, "-"+s.word),
			strings.HasSuffix(lower, "_"+s.word+"s"),
			len(stem) > len(s.word) && strings.HasSuffix(stem, strings.ToUpper(s.word[:1])+s.word[1:]):
			return s.layer
		}
	}
	return ""
}
