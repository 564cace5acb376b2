package source

import (
	"bytes"
	"context"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// contextNote tells the reader that files from outside the audited folder
// were read.
const contextNote = "the repository's root README, CI and deploy files were read too"

var (
	readmeFile = regexp.MustCompile(`(?i)^readme(?:\.(?:md|markdown|rst|txt))?$`)
	// rootDeploy are the deploy configurations a platform reads at the
	// repository root, whichever folder of a monorepo they deploy.
	rootDeploy = regexp.MustCompile(`^(?:(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml|render\.ya?ml|fly\.toml|Procfile|railway\.(?:json|toml)|vercel\.json|app\.json|netlify\.toml)$`)
)

// contextKind says which kind of context file rel (slash-separated, from
// the repository root) is: "readme", "ci", "deploy", or "". Only the
// places CI services and platforms read at the root count: GitHub runs
// the workflows of the root's .github/workflows and nowhere else.
func contextKind(rel string) string {
	dir, base := path.Split(rel)
	switch dir {
	case "":
		switch {
		case readmeFile.MatchString(base):
			return "readme"
		case base == ".gitlab-ci.yml" || base == ".travis.yml" || base == "azure-pipelines.yml" ||
			base == "Jenkinsfile" || base == "bitbucket-pipelines.yml":
			return "ci"
		case rootDeploy.MatchString(base):
			return "deploy"
		}
	case ".github/workflows/":
		if strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml") {
			return "ci"
		}
	case ".circleci/":
		if base == "config.yml" {
			return "ci"
		}
	}
	return ""
}

// addContext adds to a subfolder's snapshot the root README (only when the
// folder has none of its own), CI and deploy files of its repository, which
// a reviewer sees on the repository's page and which platforms only read at
// the root. They are listed as git lists them (tracked, or untracked and
// not ignored), must be regular files, and get paths relative to the
// folder ("../README.md"). It is best effort: a git failure adds nothing.
func (s *Snapshot) addContext(ctx context.Context, top string) {
	out, err := git(ctx, s.Dir, "rev-parse", "--show-prefix", "--show-cdup")
	if err != nil {
		return
	}
	lines := strings.Split(string(out), "\n")
	if len(lines) < 2 {
		return
	}
	prefix, cdup := strings.TrimSuffix(lines[0], "/"), lines[1]
	if prefix == "" || !strings.HasPrefix(cdup, "../") {
		return // the root itself
	}
	s.RepoFolder = prefix
	ownReadme := false
	for _, f := range s.Files {
		if !strings.Contains(f.Path, "/") && readmeFile.MatchString(f.Path) {
			ownReadme = true
			break
		}
	}
	// Top-level files and the two CI folders only: the listing stays small
	// whatever the size of the monorepo.
	listed, err := git(ctx, top, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
		":(glob)*", ":(glob).github/workflows/*", ":(glob).circleci/*")
	if err != nil {
		return
	}
	seen := map[string]bool{}
	var added []File
	for _, p := range bytes.Split(listed, []byte{0}) {
		rel := cleanRel(string(p))
		kind := contextKind(rel)
		if len(p) == 0 || seen[rel] || kind == "" || (kind == "readme" && ownReadme) {
			continue
		}
		seen[rel] = true
		info, err := os.Lstat(filepath.Join(top, filepath.FromSlash(rel)))
		if err != nil || !info.Mode().IsRegular() {
			continue // a symlink could point anywhere; a deleted file is not there
		}
		p := path.Join(cdup, rel)
		// ReadEntry joins the path to Dir lexically; through a symlinked
		// folder that may be another file than the one git listed.
		there, err := os.Lstat(filepath.Join(s.Dir, filepath.FromSlash(p)))
		if err != nil || !os.SameFile(info, there) {
			continue
		}
		added = append(added, File{Path: p, Size: info.Size(), Regular: true, Context: true})
	}
	if len(added) == 0 {
		return
	}
	s.Files = append(s.Files, added...)
	sort.Slice(s.Files, func(i, j int) bool { return s.Files[i].Path < s.Files[j].Path })
	s.lateNotes = append(s.lateNotes, contextNote)
}
