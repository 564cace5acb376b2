// Package container finds the facts the profile-specific checks read: the
// Dockerfiles (base images and whether they are pinned, stages, the user
// the image runs as), .dockerignore files, and whether the code is layered
// into controllers, services and repositories. Layers are judged from
// paths alone, so only Dockerfiles are read.
package container

import (
	"path"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Detector collects container and structure facts.
type Detector struct {
	dockerfiles []facts.Dockerfile
	// ignoreDirs are the folders holding a .dockerignore ("." for the root).
	ignoreDirs map[string]bool
	// layerFile is the first source file seen for each layer.
	layerFile map[string]string
}

// New returns a detector.
func New() *Detector {
	return &Detector{ignoreDirs: map[string]bool{}, layerFile: map[string]string{}}
}

// maxDockerfiles bounds the Dockerfiles kept: a repository of examples may
// hold hundreds, and the checks judge the main one and a few others.
const maxDockerfiles = 20

// Wants asks for Dockerfiles only.
func (d *Detector) Wants(p scan.PathInfo) bool { return isDockerfile(p.Path) }

// isDockerfile reports whether p names a Dockerfile or Containerfile
// (Dockerfile.prod, api.dockerfile), not a document about one.
func isDockerfile(p string) bool {
	base := scan.Base(p)
	switch {
	case base == "dockerfile" || base == "containerfile":
		return true
	case strings.HasPrefix(base, "dockerfile.") || strings.HasPrefix(base, "dockerfile-") || strings.HasSuffix(base, ".dockerfile"):
		switch scan.Ext(base) {
		case ".md", ".txt", ".rst", ".adoc", ".html", ".dockerignore", ".orig", ".bak", ".j2", ".tmpl", ".template":
			return false
		}
		return true
	}
	return false
}

// Scan records Dockerfiles, .dockerignore files and layer folders.
func (d *Detector) Scan(f scan.File) {
	info := f.PathInfo()
	switch {
	case info.Base == ".dockerignore":
		d.ignoreDirs[path.Dir(f.Path)] = true
	case isDockerfile(f.Path):
		if f.Data != nil && len(d.dockerfiles) < maxDockerfiles {
			d.dockerfiles = append(d.dockerfiles, Parse(f.Path, f.Data))
		}
	case info.Source && !info.Test:
		if l := layerOf(f.Path); l != "" {
			if _, ok := d.layerFile[l]; !ok {
				d.layerFile[l] = f.Path
			}
		}
	}
}

// Finish writes the container and structure facts.
func (d *Detector) Finish(inv *facts.Facts) {
	sort.SliceStable(d.dockerfiles, func(i, j int) bool {
		return rank(d.dockerfiles[i].Path) < rank(d.dockerfiles[j].Path)
	})
	c := facts.Container{Dockerfiles: d.dockerfiles}
	dirs := []string{"."}
	for _, df := range d.dockerfiles {
		dirs = append(dirs, path.Dir(df.Path))
	}
	for _, dir := range dirs {
		if d.ignoreDirs[dir] {
			c.Dockerignore = true
			c.DockerignoreEvidence = []facts.Location{{Path: path.Join(dir, ".dockerignore")}}
			break
		}
	}
	inv.Container = c

	var s facts.Structure
	for _, l := range []string{"controller", "service", "repository"} {
		if p, ok := d.layerFile[l]; ok {
			s.Layers = append(s.Layers, l)
			s.Evidence = append(s.Evidence, facts.Location{Path: p})
		}
	}
	inv.Structure = s
}

// rank orders Dockerfiles so the main one comes first: a plain Dockerfile
// before variants (Dockerfile.dev, which are often for local development),
// then shallower before deeper, then by path.
func rank(p string) string {
	variant := "1"
	if b := scan.Base(p); b == "dockerfile" || b == "containerfile" {
		variant = "0"
	}
	depth := strings.Count(p, "/")
	return variant + string(rune('a'+min(depth, 25))) + p
}
