package project

import (
	"encoding/json"
	"path"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// deployOrder is the order Deploy.Configs are reported in: the contract's
// names first, then the others.
var deployOrder = []string{
	"Dockerfile", "docker-compose", "fly.toml", "render.yaml", "railway", "Procfile", "app.yaml",
	"vercel.json", "kubernetes", "helm", "terraform", "app.json",
	"netlify.toml", "serverless", "cloudbuild", "heroku.yml", "ecs-task", "nixpacks", "koyeb",
	"zeabur", "sam-template", "apprunner", "elastic-beanstalk", "digitalocean", "cloudflare", "pulumi",
}

// docExts are extensions of documents about a config, not the config
// (docs/Dockerfile.md).
var docExts = map[string]bool{".md": true, ".txt": true, ".rst": true, ".adoc": true, ".html": true, ".dockerignore": true, ".orig": true, ".bak": true}

// deployByName names the deploy config a path is by its name alone, or "".
// Context files from a monorepo's root ("../fly.toml") are matched from
// the repository's root.
func deployByName(p string) string {
	p = scan.RepoPath(p)
	base := scan.Base(p)
	ext := scan.Ext(p)
	dir := path.Dir(p)
	switch {
	case base == "dockerfile" || base == "containerfile" ||
		((strings.HasPrefix(base, "dockerfile.") || strings.HasPrefix(base, "dockerfile-") || strings.HasSuffix(base, ".dockerfile")) && !docExts[ext]):
		return "Dockerfile"
	case composeName.MatchString(base):
		return "docker-compose"
	case base == "fly.toml":
		return "fly.toml"
	case base == "render.yaml" || base == "render.yml":
		return "render.yaml"
	case base == "railway.json" || base == "railway.toml":
		return "railway"
	case path.Base(p) == "Procfile":
		return "Procfile"
	case base == "vercel.json":
		return "vercel.json"
	case base == "chart.yaml" || base == "chart.yml":
		return "helm"
	case ext == ".tf" || strings.HasSuffix(base, ".tf.json"):
		return "terraform"
	case base == "netlify.toml":
		return "netlify.toml"
	case base == "serverless.yml" || base == "serverless.yaml" || base == "serverless.ts" || base == "serverless.js":
		return "serverless"
	case strings.HasPrefix(base, "cloudbuild.") && (ext == ".yaml" || ext == ".yml" || ext == ".json"):
		return "cloudbuild"
	case base == "heroku.yml":
		return "heroku.yml"
	case base == "nixpacks.toml" || base == "nixpacks.json":
		return "nixpacks"
	case base == "koyeb.yaml" || base == "koyeb.yml" || strings.HasPrefix(p, ".koyeb/"):
		return "koyeb"
	case base == "zeabur.json" || base == "zbpack.json":
		return "zeabur"
	case base == "apprunner.yaml" || base == "apprunner.yml":
		return "apprunner"
	case base == "dockerrun.aws.json" || strings.HasPrefix(p, ".ebextensions/") || strings.HasPrefix(p, ".elasticbeanstalk/"):
		return "elastic-beanstalk"
	case strings.HasPrefix(p, ".do/") && (ext == ".yaml" || ext == ".yml"):
		return "digitalocean"
	case base == "wrangler.toml" || base == "wrangler.json" || base == "wrangler.jsonc":
		return "cloudflare"
	case base == "pulumi.yaml" || base == "pulumi.yml":
		return "pulumi"
	case dir == ".platform" || base == ".platform.app.yaml":
		return "platform.sh"
	}
	return ""
}

var composeName = scan.MustCompile(`^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$`)

// k8sDirs are folders whose YAML files are read for Kubernetes manifests.
var k8sDirs = map[string]bool{
	"k8s": true, "kubernetes": true, "kube": true, "manifests": true, "manifest": true, "deploy": true,
	"deployment": true, "deployments": true, "infra": true, "infrastructure": true, "ops": true,
	"devops": true, "helm": true, "charts": true, ".k8s": true, "kustomize": true, "overlays": true,
	"argocd": true, "gitops": true, "templates": true, "base": true,
}

var k8sNames = scan.MustCompile(`deployment|service|ingress|k8s|kube|statefulset|manifest|kustomization|pod|hpa|cronjob`)

// wantsByContent reports whether a file may be a deploy config that only
// its content can tell: App Engine's app.yaml, Heroku's app.json, an ECS
// task definition, a SAM template, a Kubernetes manifest, a Dockerfile
// variant.
func wantsByContent(p string) bool {
	p = scan.RepoPath(p)
	base := scan.Base(p)
	ext := scan.Ext(p)
	if base == "app.yaml" || base == "app.yml" || base == "app.json" || base == "template.yaml" || base == "template.yml" {
		return true
	}
	if ext == ".json" && (strings.Contains(base, "task-def") || strings.Contains(base, "taskdef") || strings.Contains(base, "task_def")) {
		return true
	}
	if deployByName(p) == "Dockerfile" {
		return true
	}
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	if k8sNames.MatchString(base) {
		return true
	}
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if k8sDirs[strings.ToLower(seg)] {
			return true
		}
	}
	return false
}

type deployScanner struct {
	found map[string]facts.Location
}

func (d *deployScanner) wants(p scan.PathInfo) bool { return wantsByContent(p.Path) }

var (
	dockerFrom  = scan.MustCompile(`(?mi)^[ \t]*FROM[ \t]+\S`)
	gaeRuntime  = scan.MustCompile(`(?m)^runtime:\s*\S`)
	k8sAPI      = scan.MustCompile(`(?m)^apiVersion:\s*\S`)
	k8sKind     = scan.MustCompile(`(?m)^kind:\s*(?:Deployment|Service|Ingress|StatefulSet|DaemonSet|Pod|CronJob|Job|HorizontalPodAutoscaler|Kustomization|Rollout|IngressRoute|HTTPRoute)\s*$`)
	samTemplate = scan.MustCompile(`AWS::Serverless`)
)

func (d *deployScanner) scan(f scan.File) {
	name := deployByName(f.Path)
	line := 1
	switch {
	case name == "Dockerfile":
		// A Dockerfile variant is one only if it builds from an image.
		if f.Data != nil {
			loc := dockerFrom.FindIndex(f.Data)
			if loc == nil {
				return
			}
			line = scan.LineAt(f.Data, loc[0])
		}
	case name != "":
	case f.Data == nil:
		return
	default:
		name, line = deployByContent(f)
	}
	if name == "" {
		return
	}
	if d.found == nil {
		d.found = map[string]facts.Location{}
	}
	loc := facts.Location{Path: f.Path, Line: line}
	if _, ok := d.found[name]; !ok {
		d.found[name] = loc
	}
}

// deployByContent names the deploy config a file is by its content.
func deployByContent(f scan.File) (string, int) {
	base := scan.Base(f.Path)
	switch {
	case base == "app.yaml" || base == "app.yml":
		if loc := gaeRuntime.FindIndex(f.Data); loc != nil {
			return "app.yaml", scan.LineAt(f.Data, loc[0])
		}
	case base == "app.json":
		var m map[string]json.RawMessage
		if json.Unmarshal(f.Data, &m) != nil {
			return "", 0
		}
		// Expo and React Native also write an app.json; Heroku's describes
		// buildpacks, scripts, env, add-ons or formation.
		if _, expo := m["expo"]; expo {
			return "", 0
		}
		for _, k := range []string{"buildpacks", "scripts", "env", "addons", "formation", "stack"} {
			if _, ok := m[k]; ok {
				return "app.json", 1
			}
		}
	case base == "template.yaml" || base == "template.yml":
		if loc := samTemplate.FindIndex(f.Data); loc != nil {
			return "sam-template", scan.LineAt(f.Data, loc[0])
		}
	case scan.Ext(f.Path) == ".json":
		if strings.Contains(string(f.Data), `"containerDefinitions"`) {
			return "ecs-task", 1
		}
	default:
		if k8sAPI.Match(f.Data) {
			if loc := k8sKind.FindIndex(f.Data); loc != nil {
				return "kubernetes", scan.LineAt(f.Data, loc[0])
			}
		}
	}
	return "", 0
}

func (d *deployScanner) finish(inv *facts.Facts) {
	rank := map[string]int{}
	for i, n := range deployOrder {
		rank[n] = i + 1
	}
	var names []string
	for n := range d.found {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		ri, rj := rank[names[i]], rank[names[j]]
		if ri == 0 {
			ri = len(deployOrder) + 1
		}
		if rj == 0 {
			rj = len(deployOrder) + 1
		}
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	inv.Deploy.Configs = append([]string{}, names...)
	for _, n := range names {
		inv.Deploy.Evidence = scan.AddEvidence(inv.Deploy.Evidence, d.found[n])
	}
}
