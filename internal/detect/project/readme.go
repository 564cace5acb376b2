package project

import (
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

var readmeName = scan.MustCompile(`^readme(?:\.(?:md|markdown|rst|txt|adoc|org))?$`)

// readmeScanner keeps the README a visitor sees first: the one at the
// audited root, else the shallowest; Markdown before other formats.
type readmeScanner struct {
	path string
	data []byte
	rank [3]int
}

func (r *readmeScanner) wants(p scan.PathInfo) bool { return readmeName.MatchString(p.Base) }

func readmeRank(p string) [3]int {
	format := 2
	switch scan.Ext(p) {
	case ".md":
		format = 0
	case ".markdown", ".rst":
		format = 1
	}
	// A monorepo's root README reaches a subfolder audit without a README
	// of its own as "../README.md": it is the one a visitor sees first.
	return [3]int{strings.Count(scan.RepoPath(p), "/"), format, len(p)}
}

func (r *readmeScanner) scan(f scan.File) {
	if f.Data == nil {
		return
	}
	rank := readmeRank(f.Path)
	if r.path == "" || less(rank, r.rank) {
		r.path, r.data, r.rank = f.Path, f.Data, rank
	}
}

func less(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func (r *readmeScanner) finish(inv *facts.Facts) {
	if r.path == "" {
		return
	}
	rd := analyzeReadme(r.path, r.data)
	inv.Readme = rd.Readme
	if inv.Deploy.URL == "" && len(rd.URLs) > 0 {
		inv.Deploy.URL = rd.URLs[0]
		inv.Deploy.URLSource = "readme"
		inv.Deploy.URLEvidence = []facts.Location{{Path: r.path, Line: rd.urlLines[0]}}
	}
}

// readmeLine is one line of a README, classified.
type readmeLine struct {
	text    string
	heading string // the heading text when the line is a heading
	code    bool   // inside a code block, or an indented or $-prefixed command
	fence   string // the info string of the fence the line is in (mermaid, bash, ...)
}

var (
	atxHeading   = scan.MustCompile(`^\s{0,3}#{1,6}\s+(.*?)[\s#]*$`)
	boldHeading  = scan.MustCompile(`^\s*\*\*([^*]{2,60})\*\*:?\s*$`)
	htmlHeading  = scan.MustCompile(`(?i)<h[1-6][^>]*>(.*?)</h[1-6]>`)
	fenceLine    = scan.MustCompile("^\\s*(```+|~~~+)\\s*([\\w+-]*)")
	inlineCode   = scan.MustCompile("`([^`\n]+)`")
	markdownTags = scan.MustCompile(`<[^>]+>|!?\[|\]\([^)]*\)|[*_:]`)
)

// splitReadme classifies each line as heading, code or prose.
func splitReadme(data []byte) []readmeLine {
	raw := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	out := make([]readmeLine, len(raw))
	inFence, fenceInfo, fenceMark := false, "", ""
	for i, s := range raw {
		out[i].text = s
		if m := fenceLine.FindStringSubmatch(s); m != nil {
			if !inFence {
				inFence, fenceMark, fenceInfo = true, m[1][:3], strings.ToLower(m[2])
			} else if strings.HasPrefix(m[1], fenceMark) {
				inFence = false
			}
			out[i].code, out[i].fence = true, fenceInfo
			continue
		}
		if inFence {
			out[i].code, out[i].fence = true, fenceInfo
			continue
		}
		trimmed := strings.TrimSpace(s)
		if strings.HasPrefix(s, "    ") || strings.HasPrefix(s, "\t") || strings.HasPrefix(trimmed, "$ ") || strings.HasPrefix(trimmed, "> $ ") {
			out[i].code = true
		}
		switch {
		case atxHeading.MatchString(s):
			out[i].heading = atxHeading.FindStringSubmatch(s)[1]
			out[i].code = false
		case boldHeading.MatchString(s):
			out[i].heading = boldHeading.FindStringSubmatch(s)[1]
		case htmlHeading.MatchString(s):
			out[i].heading = htmlHeading.FindStringSubmatch(s)[1]
		case i+1 < len(raw) && trimmed != "" && !out[i].code && isUnderline(raw[i+1]) && !isUnderline(s):
			out[i].heading = trimmed
		}
		if out[i].heading != "" {
			out[i].heading = cleanHeading(out[i].heading)
		}
	}
	return out
}

// isUnderline reports whether s underlines a heading: three or more of
// one punctuation character (Markdown setext, reStructuredText).
func isUnderline(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || !strings.ContainsRune("=-~^\"'`#*+", rune(s[0])) {
		return false
	}
	return strings.Count(s, s[:1]) == len(s)
}

// cleanHeading lower-cases a heading and drops emoji, markup and numbering.
func cleanHeading(h string) string {
	h = markdownTags.ReplaceAllString(h, " ")
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '/' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var (
	setupHeading = scan.MustCompile(`\b(?:install|installation|installing|getting started|get started|setup|set up|set-up|quick ?start|locally|how to run|how to use|usage|development|run|running|build|building|prerequisites|requirements|launch|start|starting|deploy locally)\b`)
	confHeading  = scan.MustCompile(`\b(?:environment|env|\.env|configuration|configure|config|settings|secrets|variables)\b`)
	apiHeading   = scan.MustCompile(`\b(?:api|apis|endpoints?|routes|swagger|openapi|rest)\b`)
	testHeading  = scan.MustCompile(`\b(?:tests?|testing)\b`)
	techHeading  = scan.MustCompile(`\b(?:tech|technology|technologies|stack|built with|made with|powered by|tools|dependencies|libraries)\b`)
	archHeading  = scan.MustCompile(`\b(?:architecture|design|diagram|diagrams|schema|erd|data ?model|entities|entity relationship|database (?:schema|design|diagram|model)|(?:project|folder|directory|code) structure)\b`)
	shotHeading  = scan.MustCompile(`\b(?:screenshots?|preview|demo|gallery|screens)\b`)

	// setupProse finds a run command written in a sentence rather than a
	// code block ("install with pip install -r requirements.txt, then run
	// uvicorn app.main:app --reload"): only forms no sentence uses by chance.
	setupProse = scan.MustCompile(`\b(?:pip3?\s+install\s+(?:-r\s+\S+|-e\s+\.|\.)|uvicorn\s+[\w.]+:\w+|gunicorn\s+[\w.]+(?::\w+|\.wsgi)|python\d?\s+manage\.py\s+(?:runserver|migrate)|flask\s+(?:--app\s+\S+\s+)?run\b|fastapi\s+(?:dev|run)\s+\S+\.py|npm\s+(?:install|ci|start|run\s+(?:dev|start))\b|yarn\s+(?:install|dev|start)\b|pnpm\s+(?:install|dev|start)\b|docker[ -]compose\s+up\b|docker\s+compose\s+up\b|go\s+run\s+\S+|\./mvnw\s+spring-boot:run|mvn\s+spring-boot:run|\./gradlew\s+bootRun|dotnet\s+run\b|php\s+artisan\s+(?:serve|migrate)|bin/rails\s+(?:s|server|db:migrate)\b|rails\s+(?:s|server|db:migrate)\b|bundle\s+(?:install|exec)\b)`)
	setupCmd   = scan.MustCompile(`^\s*(?:[$>%➜❯λ]\s*)?(?:sudo\s+)?(?:git\s+clone|pip3?\s+install|python\d?(?:\.\d+)?\s+(?:-m\s+\w+|\S+\.py)|py\s+-m|poetry\s+(?:install|run|shell)|pipenv\s+(?:install|run|shell)|uv\s+(?:sync|run|pip)|uvicorn\s|gunicorn\s|flask\s+run|fastapi\s+(?:dev|run)|npm\s+(?:install|i|ci|start|run)\b|yarn\b|pnpm\s|bun\s|node\s|npx\s|nest\s+start|docker(?:-compose|\s+compose|\s+run|\s+build)\b|(?:\./)?mvnw?(?:\.cmd)?\s|(?:\./)?gradlew?(?:\.bat)?\s|java\s+-jar|go\s+(?:run|build|mod|install)\b|make\b|air\b|cargo\s+run|bundle\s|rails\s|bin/rails\s|dotnet\s+(?:run|restore|watch)|composer\s+install|php\s+artisan|cp\s+\S*\.env|copy\s+\S*\.env|source\s+\S*activate|\S*[/\\]activate\b)`)
	envAssign  = scan.MustCompile("^\\s*(?:export\\s+)?[A-Z][A-Z0-9_]{2,}\\s*=|^\\s*\\|\\s*`?[A-Z][A-Z0-9_]{2,}`?\\s*\\|")
	dotEnv     = scan.MustCompile(`(?:^|[\s` + "`" + `'"(])\.env(?:\.\w+)?\b|\benvironment variables?\b`)
	apiText    = scan.MustCompile(`(?i)swagger|openapi|\bredoc\b|postman|/docs\b|/api-docs\b|/swagger-ui`)
	endpoint   = scan.MustCompile("\\b(?:GET|POST|PUT|PATCH|DELETE)\\b[\\s|`*]+/\\S*")
	imageRef   = scan.MustCompile(`!\[([^\]]*)\]\(\s*<?([^)\s>]+)|<img[^>]+src=["']([^"']+)["']`)
	urlRef     = scan.MustCompile(`https?://[^\s<>()\[\]"'` + "`" + `]+`)
	liveWords  = scan.MustCompile(`(?i)\b(?:live|deployed at|deployed to|deployed on|hosted at|try it|base url|api url|production url)\b`)
	// "Demo" alone also labels shared demos (RealWorld's demo.realworld.io,
	// a framework's showcase): it counts when the line says the demo is
	// this project's own deployment.
	demoWord = scan.MustCompile(`(?i)\bdemo\b`)
	selfRef  = scan.MustCompile(`(?i)\b(?:my|our|this (?:project|app|application|api|backend|service|site|repo)|(?:app|api|project|backend|site|service) (?:is|runs)|deployed|hosted)\b`)
)

// readmeFacts is the README analysis plus where the URLs were.
type readmeFacts struct {
	facts.Readme
	urlLines []int
}

// analyzeReadme reads a README's words, sections and hosting links.
func analyzeReadme(p string, data []byte) readmeFacts {
	rd := readmeFacts{Readme: facts.Readme{Path: p, SectionEvidence: map[string]facts.Location{}}}
	text := string(data)
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			rd.Words++
		}
	}
	lines := splitReadme(data)
	found := func(section string, line int) {
		if _, ok := rd.SectionEvidence[section]; ok {
			return
		}
		rd.SectionEvidence[section] = facts.Location{Path: p, Line: line}
	}

	// Headings name sections; some sections count only with content that
	// backs them (a setup heading with commands under it).
	heading, headingLine := "", 0
	images := map[string]bool{}
	endpoints := 0
	titleSeen := false
	for i, l := range lines {
		n := i + 1
		if l.heading != "" {
			heading, headingLine = l.heading, n
			// The first heading is the project's name ("my-api"), not a section.
			if !titleSeen {
				titleSeen = true
				continue
			}
			if apiHeading.MatchString(heading) {
				found("api-docs", n)
			}
			if techHeading.MatchString(heading) {
				found("tech-stack", n)
			}
			if archHeading.MatchString(heading) {
				found("architecture", n)
			}
			if confHeading.MatchString(heading) {
				found("configuration", n)
			}
			if testHeading.MatchString(heading) {
				found("tests", n)
			}
			continue
		}
		cmds := []string{}
		if l.code {
			cmds = append(cmds, l.text)
		}
		for _, m := range inlineCode.FindAllStringSubmatch(l.text, -1) {
			cmds = append(cmds, m[1])
		}
		for _, c := range cmds {
			if setupCmd.MatchString(c) {
				if headingLine > 0 && setupHeading.MatchString(heading) {
					found("setup", headingLine)
				}
				found("setup", n)
			}
			if _, ok := testCommand(c); ok {
				found("tests", n)
			}
			if envAssign.MatchString(c) {
				found("configuration", n)
			}
		}
		// A sentence, not a bare line: a README whose only content is
		// "npm run dev" does not yet show how to run the project.
		if !l.code && len(strings.Fields(l.text)) >= 6 && setupProse.MatchString(l.text) {
			if headingLine > 0 && setupHeading.MatchString(heading) {
				found("setup", headingLine)
			}
			found("setup", n)
		}
		if l.code && l.fence == "mermaid" {
			found("architecture", n)
		}
		if !l.code && dotEnv.MatchString(l.text) {
			found("configuration", n)
		}
		if envAssign.MatchString(l.text) && strings.HasPrefix(strings.TrimSpace(l.text), "|") {
			found("configuration", n)
		}
		if apiText.MatchString(l.text) {
			found("api-docs", n)
		}
		if endpoint.MatchString(l.text) {
			endpoints++
			if endpoints >= 2 {
				found("api-docs", n)
			}
		}
		for _, m := range imageRef.FindAllStringSubmatch(l.text, -1) {
			src, alt := m[2], strings.ToLower(m[1])
			if src == "" {
				src = m[3]
			}
			images[src] = true
			// Badges and logos are decoration, not screenshots.
			if isBadge(src) || strings.Contains(alt, "logo") || strings.Contains(strings.ToLower(src), "logo") {
				continue
			}
			found("screenshots", n)
			if shotHeading.MatchString(heading) {
				found("screenshots", headingLine)
			}
			if archHeading.MatchString(alt) || archHeading.MatchString(strings.ToLower(path.Base(src))) {
				found("architecture", n)
			}
		}
	}

	// Hosting links first, then links a line calls live or demo.
	var labelled []string
	var labelledLines []int
	seen := map[string]bool{}
	for i, l := range lines {
		for _, raw := range urlRef.FindAllString(l.text, -1) {
			u := withoutUserinfo(strings.TrimRight(raw, ".,;:!?*_"))
			if images[u] || images[raw] || seen[u] {
				continue
			}
			host := urlHost(u)
			switch {
			case host == "" || isBadge(u):
			case isHosting(host):
				seen[u] = true
				rd.URLs = append(rd.URLs, u)
				rd.urlLines = append(rd.urlLines, i+1)
			case (liveWords.MatchString(l.text) || demoWord.MatchString(l.text) && selfRef.MatchString(l.text)) && !deniedHost(host) && !l.code:
				seen[u] = true
				labelled = append(labelled, u)
				labelledLines = append(labelledLines, i+1)
			}
		}
	}
	rd.URLs = append(rd.URLs, labelled...)
	rd.urlLines = append(rd.urlLines, labelledLines...)
	if len(rd.URLs) > 0 {
		found("live-url", rd.urlLines[0])
	}
	for _, s := range []string{"setup", "configuration", "api-docs", "live-url", "tests", "tech-stack", "architecture", "screenshots"} {
		if _, ok := rd.SectionEvidence[s]; ok {
			rd.Sections = append(rd.Sections, s)
		}
	}
	rd.Boilerplate = isBoilerplateReadme(text, rd.Words)
	return rd
}

// boilerplateMarkers are sentences of the READMEs frameworks generate.
var boilerplateMarkers = []string{
	"framework TypeScript starter repository", // "[Nest](https://github.com/nestjs/nest) framework ..."
	"This project was bootstrapped with [Create React App]",
	"Getting Started with Create React App",
	"For further reference, please consider the following sections",
	"This README would normally document whatever steps are necessary to get the",
	"This template provides a minimal setup to get React working in Vite",
	"project bootstrapped with [`create-next-app`]",
	"Laravel is a web application framework with expressive, elegant syntax",
}

// isBoilerplateReadme reports whether a README is a framework's template,
// allowing for a template a candidate wrote a little around.
func isBoilerplateReadme(text string, words int) bool {
	for _, m := range boilerplateMarkers {
		if strings.Contains(text, m) {
			return words < 700
		}
	}
	return false
}

func urlHost(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(pu.Hostname())
}

// hostingSuffixes are the domains under which hosting platforms serve the
// apps they run.
var hostingSuffixes = []string{
	"onrender.com", "fly.dev", "railway.app", "herokuapp.com", "vercel.app", "netlify.app",
	"azurewebsites.net", "appspot.com", "run.app", "pythonanywhere.com", "koyeb.app", "deta.dev",
	"deta.app", "cyclic.app", "glitch.me", "replit.app", "repl.co", "ondigitalocean.app",
	"elasticbeanstalk.com", "awsapprunner.com", "azurecontainerapps.io", "cloudfunctions.net",
	"workers.dev", "pages.dev", "surge.sh", "zeabur.app", "fly.io", "netlify.com", "amazonaws.com",
}

// platformHosts are the platforms' own sites under those domains.
var platformHosts = map[string]bool{"www": true, "docs": true, "dashboard": true, "status": true, "community": true, "app": true, "blog": true, "help": true, "api": true}

func isHosting(host string) bool {
	for _, s := range hostingSuffixes {
		if !strings.HasSuffix(host, "."+s) {
			continue
		}
		sub := strings.TrimSuffix(host, "."+s)
		if platformHosts[sub] {
			return false
		}
		// Only API gateways, load balancers and Lambda URLs on AWS: S3
		// links are images and downloads.
		if s == "amazonaws.com" {
			return strings.Contains(sub, "execute-api") || strings.Contains(sub, ".elb") ||
				strings.Contains(sub, "lambda-url") || strings.Contains(sub, "compute")
		}
		return true
	}
	return false
}

var badgeHosts = []string{
	"shields.io", "badgen.net", "badge.fury.io", "codecov.io", "coveralls.io", "travis-ci.org", "travis-ci.com",
	"circleci.com", "sonarcloud.io", "snyk.io", "codeclimate.com", "deepsource.io", "skillicons.dev",
	"github-readme-stats.vercel.app", "forthebadge.com", "app.netlify.com",
}

// isBadge reports whether a URL is a status badge, a deploy button or an
// icon rather than a link to the project.
func isBadge(u string) bool {
	host := urlHost(u)
	for _, h := range badgeHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	lu := strings.ToLower(u)
	return strings.Contains(lu, "/badge") || strings.Contains(lu, "badge.svg") || strings.Contains(lu, "button.svg") ||
		strings.Contains(lu, "deploy-to-") || strings.Contains(lu, "/deploy?") || strings.Contains(lu, "/icons/") ||
		strings.Contains(lu, "-btn") || strings.Contains(lu, "_btn")
}

// deniedHosts are sites a line may call "live" that are not the project.
var deniedHosts = []string{
	"github.com", "githubusercontent.com", "github.io", "gitlab.com", "bitbucket.org", "youtube.com", "youtu.be",
	"linkedin.com", "twitter.com", "x.com", "medium.com", "dev.to", "npmjs.com", "pypi.org", "docker.com",
	"render.com", "fly.io", "heroku.com", "vercel.com", "netlify.com", "railway.app", "loom.com", "google.com",
	"figma.com", "notion.so", "postman.com", "getpostman.com", "example.com", "example.org", "localhost",
	"tiangolo.com", "djangoproject.com", "spring.io", "nestjs.com", "expressjs.com", "go.dev", "golang.org",
	"python.org", "nodejs.org", "mozilla.org", "wikipedia.org", "stackoverflow.com", "swagger.io", "amazon.com",
	"aws.amazon.com", "azure.microsoft.com", "microsoft.com", "cloud.google.com", "discord.gg", "discord.com",
	// RealWorld's shared demo and API, linked from every RealWorld README.
	"realworld.io", "realworld.show", "productionready.io",
}

func deniedHost(host string) bool {
	if host == "localhost" || strings.HasPrefix(host, "127.") || host == "0.0.0.0" || strings.HasSuffix(host, ".local") ||
		strings.HasPrefix(host, "192.168.") || strings.HasPrefix(host, "10.") || !strings.Contains(host, ".") {
		return true
	}
	for _, h := range deniedHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// userinfo is a URL's user information, up to the last @ before the path.
var userinfo = scan.MustCompile(`(?i)^([a-z][a-z0-9+.-]*://)[^/\s]*@`)

// withoutUserinfo drops a README link's user and password
// (https://demo:PW@app.onrender.com): facts and reports are shared, and
// the probe must not send credentials it found in a repository.
func withoutUserinfo(u string) string { return userinfo.ReplaceAllString(u, "${1}") }
