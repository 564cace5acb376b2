package rules

import (
	"fmt"
	"strings"
)

// The profile-only checks join the criteria they belong to; Score leaves
// them out of the rubric of every profile that does not list them in
// Profile.Checks. They are appended here rather than in the criteria's
// files so that the default rubric stays as those files declare it.
func init() {
	deploymentCriterion.Checks = append(deploymentCriterion.Checks, platformChecks...)
	scopeCriterion.Checks = append(scopeCriterion.Checks, enterpriseChecks...)
}

// noDockerfile is the message of the container checks that cannot be
// judged without a Dockerfile; deployment.dockerfile fails instead.
const noDockerfile = "no Dockerfile to judge (deployment.dockerfile covers it)"

var platformChecks = []*Check{
	{
		ID:     "deployment.dockerfile",
		Title:  "The service builds into a container image",
		Points: 15,
		Doc: "Platform teams ship containers: a Dockerfile is the first thing they open. " +
			"Passes when the repository has a Dockerfile (or Containerfile). Applies to the platform profile.",
		Run: func(f *Facts) Result {
			if len(f.Container.Dockerfiles) == 0 {
				return Fail("no Dockerfile or Containerfile in the repository")
			}
			d := f.Container.Dockerfiles[0]
			return Pass(fmt.Sprintf("%s builds the image (%d in the repository)", d.Path, len(f.Container.Dockerfiles)),
				Location{Path: d.Path, Line: firstLine(d.FromLines)})
		},
		Fix: func(s Stack) []string {
			return Steps{ID: "deployment.dockerfile", Generic: []string{"Add a Dockerfile that builds and runs the service on a small, pinned base image"}}.For(s)
		},
	},
	{
		ID:     "deployment.pinned-base",
		Title:  "Base images are pinned to a version",
		Points: 10,
		Doc: "An untagged or `:latest` base image changes under you: the same commit builds a different image next week. " +
			"Passes when every FROM names a tag other than latest or a digest; stage references and scratch are not judged. " +
			"Skipped without a Dockerfile. Applies to the platform profile.",
		Run: func(f *Facts) Result {
			if len(f.Container.Dockerfiles) == 0 {
				return Skip(noDockerfile)
			}
			var bad []string
			var ev []Location
			var images int
			for _, d := range f.Container.Dockerfiles {
				images += len(d.Images)
				for i, img := range d.Unpinned {
					bad = append(bad, img)
					line := 0
					if i < len(d.UnpinnedLines) {
						line = d.UnpinnedLines[i]
					}
					ev = append(ev, Location{Path: d.Path, Line: line})
				}
			}
			if len(bad) > 0 {
				return Fail(fmt.Sprintf("unpinned base image: %s", strings.Join(limitStrings(bad, 3), ", ")), limitLocations(ev, 5)...)
			}
			d := f.Container.Dockerfiles[0]
			return Pass(fmt.Sprintf("%s pinned (%s)", plural(images, "base image", "base images"), strings.Join(limitStrings(d.Images, 3), ", ")),
				Location{Path: d.Path, Line: firstLine(d.FromLines)})
		},
		Fix: func(s Stack) []string {
			return Steps{ID: "deployment.pinned-base", Generic: []string{"Pin every FROM to a version tag (and optionally a `@sha256:` digest); never `:latest` or an untagged image"}}.For(s)
		},
	},
	{
		ID:     "deployment.non-root",
		Title:  "The container runs as a non-root user",
		Points: 10,
		Doc: "A process running as root inside a container turns an exploit into a host problem; platform reviewers look for " +
			"a USER line. Passes when the final stage of the main Dockerfile sets USER to someone other than root, or uses a " +
			"distroless `:nonroot` image. Skipped without a Dockerfile. Applies to the platform profile.",
		Run: func(f *Facts) Result {
			if len(f.Container.Dockerfiles) == 0 {
				return Skip(noDockerfile)
			}
			d := f.Container.Dockerfiles[0]
			switch {
			case d.NonRoot && d.User != "":
				return Pass(fmt.Sprintf("%s runs as USER %s", d.Path, d.User), Location{Path: d.Path, Line: d.UserLine})
			case d.NonRoot:
				return Pass(d.Path+" runs on a non-root base image", Location{Path: d.Path, Line: lastLine(d.FromLines)})
			case d.User != "":
				return Fail(fmt.Sprintf("%s sets USER %s, which is root", d.Path, d.User), Location{Path: d.Path, Line: d.UserLine})
			}
			return Fail(d.Path+" sets no USER in its final stage, so the service runs as root", Location{Path: d.Path, Line: lastLine(d.FromLines)})
		},
		Fix: func(s Stack) []string {
			return Steps{ID: "deployment.non-root", Generic: []string{"Add a non-root user to the final stage and switch to it with `USER`"}}.For(s)
		},
	},
	{
		ID:     "deployment.multi-stage",
		Title:  "The image is built in stages",
		Points: 10,
		Doc: "A multi-stage build compiles in one image and ships only the result in another: smaller images, no compilers " +
			"or build secrets in production. Passes when the main Dockerfile has two or more FROM instructions. " +
			"Skipped without a Dockerfile. Applies to the platform profile.",
		Run: func(f *Facts) Result {
			if len(f.Container.Dockerfiles) == 0 {
				return Skip(noDockerfile)
			}
			d := f.Container.Dockerfiles[0]
			if d.Stages >= 2 {
				return Pass(fmt.Sprintf("%s builds in %d stages", d.Path, d.Stages), Location{Path: d.Path, Line: lastLine(d.FromLines)})
			}
			return Fail(fmt.Sprintf("%s has a single stage", d.Path), Location{Path: d.Path, Line: firstLine(d.FromLines)})
		},
		Fix: func(s Stack) []string {
			return Steps{ID: "deployment.multi-stage", Generic: []string{"Split the Dockerfile into a build stage and a small runtime stage (`FROM ... AS build`, then `COPY --from=build`)"}}.For(s)
		},
	},
	{
		ID:     "deployment.dockerignore",
		Title:  "A .dockerignore keeps the build context small",
		Points: 5,
		Doc: "Without a .dockerignore, `docker build` sends .git, local virtualenvs, node_modules and .env files into the " +
			"build context, and a careless COPY bakes them into the image. Passes when a .dockerignore sits at the root " +
			"or beside a Dockerfile. Skipped without a Dockerfile. Applies to the platform profile.",
		Run: func(f *Facts) Result {
			if len(f.Container.Dockerfiles) == 0 {
				return Skip(noDockerfile)
			}
			if f.Container.Dockerignore {
				return Pass("a .dockerignore limits the build context", f.Container.DockerignoreEvidence...)
			}
			return Fail("no .dockerignore beside " + f.Container.Dockerfiles[0].Path)
		},
		Fix: func(s Stack) []string {
			return Steps{ID: "deployment.dockerignore", Generic: []string{"Add a .dockerignore listing `.git`, dependency and build folders, and `.env` files"}}.For(s)
		},
	},
	{
		ID:     "deployment.ci-deploys",
		Title:  "CI deploys the service",
		Points: 20,
		Doc: "Continuous delivery is the platform engineer's daily work: a workflow that builds, pushes and deploys shows it. " +
			"Passes when a CI workflow deploys (flyctl deploy, railway up, gcloud run deploy, docker push, kubectl apply, " +
			"a deploy action, ...). Applies to the platform profile.",
		Run: func(f *Facts) Result {
			if f.Deploy.Pipeline {
				return Pass("a CI workflow deploys", limitLocations(f.Deploy.PipelineEvidence, 5)...)
			}
			if len(f.CI.Providers) == 0 {
				return Fail("no CI workflow")
			}
			return Fail("CI (" + strings.Join(f.CI.Providers, ", ") + ") runs, but no workflow deploys")
		},
		Fix: func(s Stack) []string {
			return []string{
				"Add a GitHub Actions job that runs after the tests on main: `docker/build-push-action` to push the image to GHCR, then deploy it (`flyctl deploy --remote-only`, `gcloud run deploy`, or `kubectl apply -k deploy/`)",
				"Keep the deploy credentials in repository secrets (`FLY_API_TOKEN`, a workload identity provider), never in the workflow file",
			}
		},
	},
	{
		ID:     "deployment.iac",
		Title:  "Infrastructure is described as code",
		Points: 15,
		Doc: "Platform roles ask for Terraform, Kubernetes manifests or Helm charts: infrastructure that is reviewed and " +
			"reproduced like code. Passes when the repository holds Terraform, Kubernetes manifests, a Helm chart or a " +
			"Pulumi project. Applies to the platform profile.",
		Run: func(f *Facts) Result {
			var found []string
			for _, c := range f.Deploy.Configs {
				switch c {
				case "terraform", "kubernetes", "helm", "pulumi":
					found = append(found, c)
				}
			}
			if len(found) == 0 {
				return Fail("no Terraform, Kubernetes manifests, Helm chart or Pulumi project")
			}
			return Pass("infrastructure as code: "+strings.Join(found, ", "), limitLocations(f.Deploy.Evidence, 5)...)
		},
		Fix: func(s Stack) []string {
			return []string{
				"Add Kubernetes manifests under `deploy/` (a Deployment with readiness and liveness probes on the health endpoint, a Service) or a Helm chart (`helm create chart`)",
				"Or describe the hosting in Terraform (`infra/main.tf`: the registry, the service and the database), with `terraform fmt` and `terraform validate` in CI",
			}
		},
	},
}

var enterpriseChecks = []*Check{
	{
		ID:     "scope.layered",
		Title:  "Code is layered into controllers, services and repositories",
		Points: 30,
		Doc: "Large companies run big codebases on a layered structure; a reviewer looks for request handling, business logic " +
			"and data access kept apart. Passes when controller (routers, handlers), service and repository (DAO, CRUD) " +
			"layers are all found, by folder or by file name. Applies to the enterprise profile.",
		Run: func(f *Facts) Result {
			have := map[string]bool{}
			for _, l := range f.Structure.Layers {
				have[l] = true
			}
			var missing []string
			for _, l := range []string{"controller", "service", "repository"} {
				if !have[l] {
					missing = append(missing, l)
				}
			}
			ev := limitLocations(f.Structure.Evidence, 5)
			if len(missing) == 0 {
				return Pass("controller, service and repository layers", ev...)
			}
			if len(f.Structure.Layers) == 0 {
				return Fail("no controller, service or repository layer", ev...)
			}
			return Fail(fmt.Sprintf("layers found: %s; missing: %s", strings.Join(f.Structure.Layers, ", "), strings.Join(missing, ", ")), ev...)
		},
		Fix: func(s Stack) []string {
			return Steps{ID: "scope.layered", Generic: []string{"Separate request handling (controllers), business logic (services) and data access (repositories) into their own folders"}}.For(s)
		},
	},
	{
		ID:     "scope.stack-fit",
		Title:  "The stack is one large companies hire for (Java or Python)",
		Points: 15,
		Doc: "The guide names Java and Python as what large companies run; a portfolio in one of them maps directly to the job. " +
			"Passes when the main language is Java, Kotlin or Python. Applies to the enterprise profile.",
		Run: func(f *Facts) Result {
			lang := f.Stack.Language
			desc := lang
			if f.Stack.Framework != "" {
				desc += " / " + f.Stack.Framework
			}
			switch lang {
			case "java", "kotlin", "python":
				return Pass("stack fits: " + desc)
			case "":
				return Fail("no main language recognised")
			}
			return Fail("stack is " + desc + "; enterprise roles mostly ask for Java or Python")
		},
		Fix: func(s Stack) []string {
			return []string{
				"Build (or port) one project in Spring Boot or in Django/FastAPI, the stacks enterprise job posts name most",
				"Or name the transferable parts in the README: layered design, tests, typed models, migrations",
			}
		},
	},
}

func firstLine(lines []int) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[0]
}

func lastLine(lines []int) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[len(lines)-1]
}

func limitStrings(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func limitLocations(s []Location, n int) []Location {
	if len(s) > n {
		return s[:n]
	}
	return s
}
