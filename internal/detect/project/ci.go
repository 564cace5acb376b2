package project

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// ciProvider names the CI service a path configures, or "". A monorepo's
// root CI files reach a subfolder audit as context files ("../.github/..."),
// so the path is matched from the repository's root.
func ciProvider(p string) string {
	p = scan.RepoPath(p)
	base := path.Base(p)
	ext := scan.Ext(p)
	yml := ext == ".yml" || ext == ".yaml"
	dir := path.Dir(p)
	switch {
	case strings.HasPrefix(p, ".github/workflows/") && yml:
		return "github-actions"
	case p == ".gitlab-ci.yml" || p == ".gitlab-ci.yaml":
		return "gitlab-ci"
	case p == ".circleci/config.yml" || p == ".circleci/config.yaml":
		return "circleci"
	case p == ".travis.yml":
		return "travis"
	case p == "azure-pipelines.yml" || p == "azure-pipelines.yaml" || (dir == ".azure-pipelines" && yml):
		return "azure-pipelines"
	case base == "Jenkinsfile" && dir == ".":
		return "jenkins"
	case p == "bitbucket-pipelines.yml":
		return "bitbucket"
	case p == ".drone.yml" || p == ".drone.yaml":
		return "drone"
	case dir == ".buildkite" && yml:
		return "buildkite"
	case p == ".woodpecker.yml" || (dir == ".woodpecker" && yml):
		return "woodpecker"
	}
	return ""
}

type ciScanner struct {
	// repoFolder is the audited folder's path from the repository root
	// ("backend"), when it is a subfolder.
	repoFolder string
	providers  []string
	seen       map[string]bool
	runsTests  bool
	evidence   []facts.Location
	// testSteps point at steps that run the tests; files at the CI files.
	testSteps []facts.Location
	deploys   []facts.Location
}

func (c *ciScanner) wants(p scan.PathInfo) bool { return ciProvider(p.Path) != "" }

func (c *ciScanner) scan(f scan.File) {
	prov := ciProvider(f.Path)
	if prov == "" {
		return
	}
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	if !c.seen[prov] {
		c.seen[prov] = true
		c.providers = append(c.providers, prov)
	}
	c.evidence = scan.AddEvidence(c.evidence, facts.Location{Path: f.Path, Line: 1})
	if f.Data == nil {
		return
	}
	// A root workflow that runs another folder's tests does not test this
	// one; the folder's own CI files are taken as they are.
	folder := ""
	if scan.IsContext(f.Path) {
		folder = c.repoFolder
	}
	if line := findTestStepFor(prov, f.Data, folder); line > 0 {
		c.runsTests = true
		c.testSteps = scan.AddEvidence(c.testSteps, facts.Location{Path: f.Path, Line: line})
	}
	if line := findDeployStep(f.Data); line > 0 {
		c.deploys = scan.AddEvidence(c.deploys, facts.Location{Path: f.Path, Line: line})
	}
}

func (c *ciScanner) finish(inv *facts.Facts) {
	inv.CI.Providers = c.providers
	if inv.CI.Providers == nil {
		inv.CI.Providers = []string{}
	}
	inv.CI.RunsTests = c.runsTests
	// The test steps come first: they are what a reader wants to see.
	ev := append([]facts.Location{}, c.testSteps...)
	for _, l := range c.evidence {
		if !hasPath(ev, l.Path) {
			ev = scan.AddEvidence(ev, l)
		}
	}
	inv.CI.Evidence = ev
	if len(c.deploys) > 0 {
		inv.Deploy.Pipeline = true
		inv.Deploy.PipelineEvidence = c.deploys
	}
}

func hasPath(list []facts.Location, p string) bool {
	for _, l := range list {
		if l.Path == p {
			return true
		}
	}
	return false
}

// findTestStep returns the line of the first step of a CI file that runs
// the tests, or 0. YAML files are parsed and only the values of command
// keys are read; a file that does not parse, and Jenkinsfiles, are read
// line by line.
func findTestStep(prov string, data []byte) int { return findTestStepFor(prov, data, "") }

// findTestStepFor is findTestStep for a CI file at the root of a repository
// audited in its subfolder folder (a path from the root, "" for no
// subfolder): a test step counts unless it runs in another folder of the
// repository (see elsewhere), by its working directory (GitHub's working-directory and
// defaults.run.working-directory, CircleCI's working_directory, Azure's
// workingDirectory), a `cd X` before it in the same command, or a
// --prefix/--cwd/-C X option. A directory that cannot be told (a variable,
// an absolute path) counts.
func findTestStepFor(prov string, data []byte, folder string) int {
	if prov == "jenkins" {
		return testLine(data, "//", folder)
	}
	cmds, err := yamlCommands(data)
	if err != nil {
		return testLine(data, "#", folder)
	}
	// The walk meets a mapping's keys in Go's random map order, so the
	// first test command in the file is the one on the lowest line.
	first := 0
	for _, cmd := range cmds {
		if seg, at, ok := testCommandIn(cmd.text, cmd.dir); ok && !elsewhere(at, folder) {
			if l := lineOf(data, seg, cmd.line); first == 0 || l < first {
				first = l
			}
		}
	}
	return first
}

// testLine is the line-by-line fallback of findTestStep.
func testLine(data []byte, comment, folder string) int {
	for i, line := range strings.Split(string(data), "\n") {
		if j := strings.Index(line, comment); j >= 0 {
			line = line[:j]
		}
		if _, at, ok := testCommandIn(line, ""); ok && !elsewhere(at, folder) {
			return i + 1
		}
	}
	return 0
}

// lineOf finds the line where seg is written in data; fallback when it is
// not found verbatim (a folded scalar).
func lineOf(data []byte, seg string, fallback int) int {
	if i := bytes.Index(data, []byte(seg)); i >= 0 {
		return scan.LineAt(data, i)
	}
	if fallback > 0 {
		return fallback
	}
	return 1
}

// command is a shell command found in a CI file, with the line its key is on
// when known, and the working directory it runs in from the repository
// root ("" for the root, unknownDir when it cannot be told).
type command struct {
	text string
	line int
	dir  string
}

// commandKeys are the keys whose values are shell commands across the CI
// services: GitHub's run, GitLab's, Travis' and Bitbucket's script,
// CircleCI's run/command, Drone's commands, Azure's script/bash/pwsh.
var commandKeys = map[string]bool{
	"run": true, "script": true, "command": true, "commands": true, "bash": true, "sh": true,
	"pwsh": true, "powershell": true, "cmd": true, "inlineScript": true,
}

// yamlCommands parses every document of a YAML CI file and returns the
// commands it runs, in document order.
func yamlCommands(data []byte) (cmds []command, err error) {
	defer func() {
		// A parser bug on hostile input must not take the audit down.
		if r := recover(); r != nil {
			err = fmt.Errorf("parse yaml: %v", r)
		}
	}()
	var root any
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("parse yaml: %w", err)
	}
	var walk func(v any, key string, failOK bool, dir string)
	add := func(s string, failOK bool, dir string) {
		if !failOK {
			cmds = append(cmds, command{text: s, dir: dir})
		}
	}
	walk = func(v any, key string, failOK bool, dir string) {
		switch v := v.(type) {
		case string:
			if commandKeys[key] {
				add(v, failOK, dir)
			}
		case []any:
			// A list of shell lines (GitLab's script) runs in one shell,
			// so a `cd` on one line holds for the next.
			if lines, ok := stringList(v); ok && commandKeys[key] {
				add(strings.Join(lines, "\n"), failOK, dir)
				return
			}
			for _, e := range v {
				walk(e, key, failOK, dir)
			}
		case map[string]any:
			// A step allowed to fail does not gate anything.
			if b, _ := v["continue-on-error"].(bool); b {
				failOK = true
			}
			if b, _ := v["allow_failure"].(bool); b {
				failOK = true
			}
			if d, ok := workingDir(v); ok {
				dir = d
			}
			for _, s := range taskCommands(v) {
				add(s, failOK, dir)
			}
			for k, e := range v {
				walk(e, k, failOK, dir)
			}
		}
	}
	walk(root, "", false, "")
	if m, ok := root.(map[string]any); ok {
		cmds = append(cmds, travisDefault(m, data)...)
	}
	return cmds, nil
}

// taskCommands turns the steps that name a build tool instead of a shell
// command into the command they run: GitHub's gradle action, Azure's
// Maven, Gradle and .NET tasks.
func taskCommands(m map[string]any) []string {
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	sub := func(k string) map[string]any { s, _ := m[k].(map[string]any); return s }
	var out []string
	if uses := str(m, "uses"); strings.Contains(uses, "gradle") {
		if args := str(sub("with"), "arguments"); args != "" {
			out = append(out, "gradle "+args)
		}
	}
	task := str(m, "task")
	in := sub("inputs")
	switch {
	case strings.HasPrefix(task, "Maven@"):
		out = append(out, "mvn "+str(in, "goals")+" "+str(in, "options"))
	case strings.HasPrefix(task, "Gradle@"):
		out = append(out, "gradle "+str(in, "tasks")+" "+str(in, "options"))
	case strings.HasPrefix(task, "DotNetCoreCLI@"):
		out = append(out, "dotnet "+str(in, "command"))
	}
	return out
}

var travisLanguage = scan.MustCompile(`(?m)^language:`)

// travisDefault returns the command Travis runs when .travis.yml names a
// language with a default test script and writes no script of its own.
func travisDefault(m map[string]any, data []byte) []command {
	lang, _ := m["language"].(string)
	if _, ok := m["script"]; ok {
		return nil
	}
	if _, ok := m["jobs"]; ok {
		return nil
	}
	// Go: `go test -v ./...`, or `make` when there is a Makefile, whose
	// default target is by custom the build and the tests.
	def := map[string]string{"node_js": "npm test", "ruby": "bundle exec rake", "java": "gradle check", "go": "go test -v ./..."}[lang]
	if def == "" {
		return nil
	}
	line := 1
	if loc := travisLanguage.FindIndex(data); loc != nil {
		line = scan.LineAt(data, loc[0])
	}
	return []command{{text: def, line: line}}
}

var (
	// installCmd matches segments that install tools ("pip install pytest")
	// rather than run them.
	installCmd = scan.MustCompile(`^(?:sudo\s+)?(?:python\d?(?:\.\d+)?\s+-m\s+)?(?:uv\s+)?(?:pip3?|pipx|poetry|pipenv|uv|npm|yarn|pnpm|bun|apt-get|apt|apk|brew|go|gem|bundle|composer|dotnet|cargo)\s+(?:install|add|i|ci|get|sync|restore|tool)\b`)
	// skipTests matches flags that turn a build's tests off.
	skipTests = scan.MustCompile(`-DskipTests\b(?:=true)?|-Dmaven\.test\.skip(?:=true)?\b|(?:^|\s)-x\s+test\b|--exclude-task\s+test\b`)
	// ignoreFailure matches a command whose failure is swallowed.
	ignoreFailure = scan.MustCompile(`\|\|\s*(?:true|:|exit\s+0|echo)\b|\|\|\s*:$`)
	lintTox       = scan.MustCompile(`\b(?:tox|nox)\b[^\n]*-[es]\s*(?:lint|flake8|format|mypy|typecheck|type|docs|pre-commit|style)\b`)
	testCmd       = scan.MustCompile(strings.Join([]string{
		`\bpy\.?test\b`,
		`\bmanage\.py\s+test\b`,
		`\bflask\s+tests?\b`, // a project's click command around pytest (cookiecutter-flask)
		`^(?:\w+=\S*\s+)*(?:[\w./-]*/)?(?:tox|nox)\b`,
		`-m\s+unittest\b`,
		`\bcoverage\s+run\b`,
		`\bmvnw?(?:\.cmd)?\b.*\b(?:test|verify|package|install|deploy)\b`,
		`\bgradlew?(?:\.bat)?\b.*\b(?:test|build|check|integrationTest)\b`,
		`\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?(?:test|coverage|e2e)`,
		`\bnpm\s+t\b`,
		`^(?:\w+=\S*\s+)*(?:npx\s+|bunx\s+|yarn\s+|pnpm\s+(?:exec\s+)?)?(?:jest|vitest|mocha|jasmine|ava)\b`,
		`\bnode\s.*--test\b`,
		`\bgo\s+test\b`, `\bgotestsum\b`, `\bginkgo\b`,
		`\bmake\s+(?:test|tests|check|test-\w+)\b`,
		`\bcargo\s+(?:test|nextest)\b`,
		`\brspec\b`, `\bbundle\s+exec\s+(?:rake|rspec|rails\s+test)\b`, `\brails\s+test\b`, `\brake\s+(?:test|spec)\b`,
		`\bdotnet\s+test\b`,
		`\bphpunit\b`, `\bartisan\s+test\b`, `\bvendor/bin/pest\b`,
		// A script named for the tests: scripts/test.sh, run_tests.sh, tests-start.sh.
		`(?:^|[\s/_-])(?:run[_-])?(?:tests?|coverage)(?:[_-][\w-]*)?\.sh\b`,
	}, "|"))
)

// packTestCommand reports whether seg runs tests the way a stack pack
// says its group does (Pack.Tests.CI).
func packTestCommand(seg string) bool {
	for _, pk := range stacks.All() {
		if re := pk.Tests.CI; re != nil && re.MatchString(seg) {
			return true
		}
	}
	return false
}

// testCommand reports whether a shell command runs the tests, and the
// segment that does.
func testCommand(cmd string) (string, bool) {
	seg, _, ok := testCommandIn(cmd, "")
	return seg, ok
}

// testCommandIn is testCommand for a command that starts in dir (from the
// repository root); it also returns the directory the test segment runs
// in, following `cd` segments before it and a --prefix/--cwd/-C option of
// the segment itself.
func testCommandIn(cmd, dir string) (seg, at string, ok bool) {
	cmd = strings.ReplaceAll(cmd, "\\\n", " ")
	for line := range strings.SplitSeq(cmd, "\n") {
		if ignoreFailure.MatchString(line) || skipTests.MatchString(line) {
			if m := cdCmd.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				dir = chdir(dir, m[1])
			}
			continue
		}
		for _, seg := range splitShell(line) {
			seg = strings.TrimSpace(seg)
			seg = strings.TrimPrefix(seg, "- ")
			if m := cdCmd.FindStringSubmatch(seg); m != nil {
				dir = chdir(dir, m[1])
				continue
			}
			if seg == "" || installCmd.MatchString(seg) || lintTox.MatchString(seg) {
				continue
			}
			if testCmd.MatchString(seg) || packTestCommand(seg) {
				if m := dirOption.FindStringSubmatch(seg); m != nil {
					return seg, chdir(dir, m[1]), true
				}
				return seg, dir, true
			}
		}
	}
	return "", "", false
}

var (
	// cdCmd matches a segment that changes directory, and its target.
	cdCmd = scan.MustCompile(`^(?:cd|pushd)\s+(\S+)\s*$`)
	// dirOption matches the options that run a tool in another folder:
	// npm --prefix, yarn --cwd, make/pnpm -C, pnpm --dir.
	dirOption = scan.MustCompile(`(?:^|\s)(?:--prefix|--cwd|--dir|-C)[\s=]+(\S+)`)
)

// unknownDir is a working directory that cannot be told from the file: a
// variable, an absolute path, a home folder.
const unknownDir = "?"

// chdir returns the directory a `cd to` from dir leads to, from the
// repository root.
func chdir(dir, to string) string {
	to = strings.Trim(to, `"'`)
	switch {
	case dir == unknownDir, to == "", to == "-", strings.ContainsAny(to, "$~%\\{"), strings.HasPrefix(to, "/"):
		return unknownDir
	}
	p := path.Join(dir, to)
	if p == ".." || strings.HasPrefix(p, "../") {
		return unknownDir
	}
	return p
}

// workingDir returns the working directory a CI mapping sets for what it
// holds: its own working-directory key (GitHub and Azure steps, CircleCI
// jobs and steps) or GitHub's defaults.run.working-directory (a workflow's
// or a job's). ok is false when it sets none.
func workingDir(m map[string]any) (string, bool) {
	for _, k := range []string{"working-directory", "working_directory", "workingDirectory"} {
		if d, ok := m[k].(string); ok {
			return chdir("", d), true
		}
	}
	if def, ok := m["defaults"].(map[string]any); ok {
		if r, ok := def["run"].(map[string]any); ok {
			if d, ok := r["working-directory"].(string); ok {
				return chdir("", d), true
			}
		}
	}
	return "", false
}

// stringList returns the strings of a list made only of strings.
func stringList(v []any) ([]string, bool) {
	out := make([]string, 0, len(v))
	for _, e := range v {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// elsewhere reports whether a test step running in dir (from the
// repository root) runs another folder's tests than folder's, the audited
// one: dir is neither folder, nor inside it, nor one of its parents (the
// root, or "services" running every service's tests). An unknown directory,
// and any directory when no subfolder is audited, are not elsewhere.
func elsewhere(dir, folder string) bool {
	if folder == "" || dir == "" || dir == "." || dir == unknownDir {
		return false
	}
	within := func(p, parent string) bool { return p == parent || strings.HasPrefix(p, parent+"/") }
	return !within(dir, folder) && !within(folder, dir)
}

// splitShell splits a command line on && ; and ||.
func splitShell(line string) []string {
	line = strings.ReplaceAll(line, "&&", "\x00")
	line = strings.ReplaceAll(line, "||", "\x00")
	line = strings.ReplaceAll(line, ";", "\x00")
	return strings.Split(line, "\x00")
}

var (
	deployStep      = scan.MustCompile(`(?i)\b(?:flyctl|fly)\s+deploy\b|superfly/flyctl-actions|\brailway\s+up\b|\bheroku\s+(?:container:(?:push|release)|deploy)|akhileshns/heroku-deploy|\bgit\s+push\s+\S*heroku|\baws\s+ecs\s+(?:update-service|deploy)|aws-actions/amazon-ecs-deploy|\baws\s+ecr\s+get-login|aws-actions/amazon-ecr-login|\bgcloud\s+(?:run|app|functions)\s+deploy\b|google-github-actions/deploy-(?:cloudrun|appengine)|azure/(?:webapps|container-apps|functions)-deploy|azure/aci-deploy|\bdocker\s+push\b|api\.render\.com/deploy|RENDER_DEPLOY_HOOK|\bvercel\b.*--prod|amondnet/vercel-action|\bnetlify\s+deploy\b|nwtgck/actions-netlify|\bkubectl\s+(?:apply|set\s+image|rollout)|\bhelm\s+(?:upgrade|install)\b|\b(?:serverless|sls)\s+deploy\b|\bsam\s+deploy\b|\bterraform\s+apply\b|appleboy/ssh-action|\beb\s+deploy\b|\bcdk\s+deploy\b|\bpulumi\s+up\b|\bdoctl\s+apps\b|koyeb/action|\bkoyeb\s+(?:app|service)|\bcf\s+push\b`)
	buildPushAction = scan.MustCompile(`docker/build-push-action`)
	pushTrue        = scan.MustCompile(`(?m)^\s*push:\s*(?:true|\$\{\{)`)
)

// findDeployStep returns the line of the first step that deploys, or 0.
func findDeployStep(data []byte) int {
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		if j := strings.Index(line, "#"); j >= 0 && (j == 0 || line[j-1] == ' ' || line[j-1] == '\t') {
			line = line[:j]
		}
		if deployStep.MatchString(line) {
			return i + 1
		}
		// docker/build-push-action only builds unless told to push.
		if buildPushAction.MatchString(line) && pushTrue.Match(data) {
			return i + 1
		}
	}
	return 0
}
