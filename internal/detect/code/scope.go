package code

import (
	"encoding/json"
	"path"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pagination: one strong signal, or two words that only appear together
// when a list is paged (limit and offset, page and page_size, skip and take).
var (
	rePageStrong = alts(`DEFAULT_PAGINATION_CLASS`, `\b(?:PageNumber|LimitOffset|Cursor)Pagination\b`, `\bpagination_class\s*=`, `\badd_pagination\(`, `\bPaginator\(`, `\bPageable\b`, `\bPage<`, `\bPageRequest\.of\(`, `\bSlice<`, `\.paginate\(`, `(?i:\bLIMIT\s+(?:\$\d+|\?|%d|:\w+)\s+OFFSET\s+(?:\$\d+|\?|%d|:\w+))`)
	pagePairs    = [][2]*scan.Regexp{
		{scan.MustCompile(`\blimit\b`), scan.MustCompile(`\boffset\b|\bskip\b`)},
		{scan.MustCompile(`\bpage\b`), scan.MustCompile(`\b(?:page_size|pageSize|per_page|perPage|size|limit)\b`)},
		{scan.MustCompile(`\btake\s*:|\.take\(`), scan.MustCompile(`\bskip\s*:|\.skip\(`)},
		{scan.MustCompile(`\.Limit\(`), scan.MustCompile(`\.Offset\(`)},
	}
)

// alternatives is one alternation written as separate regexps, so that each
// part gets its own prefilter literal. Compiled as one, the prefilter can
// only keep a weak literal of the whole (Async for @Async, connection for
// io.on('connection')), which most large files hold, and the alternation
// then runs over all of them.
type alternatives []*scan.Regexp

func alts(patterns ...string) alternatives {
	out := make(alternatives, len(patterns))
	for i, p := range patterns {
		out[i] = scan.MustCompile(p)
	}
	return out
}

// FindIndex returns the leftmost match of any part, as the alternation
// compiled whole would start it.
func (a alternatives) FindIndex(b []byte) []int {
	var best []int
	for _, re := range a {
		if m := re.FindIndex(b); m != nil && (best == nil || m[0] < best[0]) {
			best = m
		}
	}
	return best
}

// extraSignal is a depth signal in code, in any language.
type extraSignal struct {
	category string
	re       alternatives
}

var extraSignals = []extraSignal{
	{"background-jobs", alts(`\bfrom celery import\b`, `@shared_task\b`, `@\w+\.task\b`, `\bBackgroundTasks\b`, `@Scheduled\b`, `@Async\b`, `@EnableScheduling\b`, `@EnableAsync\b`, `@Cron\(`, `@Processor\(`, `\bcron\.schedule\(`, `\bnew\s+(?:Queue|Worker)\(\s*['"]`, `\basynq\.NewClient\(`, `\bcron\.New\(`)},
	{"caching", alts(`@Cacheable\b`, `@EnableCaching\b`, `(?m)^CACHES\s*=`, `@cache_page\b`, `\bCacheModule\.register`, `@cached\(`, `\bFastAPICache\.init\(`, `\bCache\(\s*config\s*=`, `\bredis\.NewClient\(`)},
	{"websockets", alts(`@\w+\.websocket\(`, `@WebSocketGateway\b`, `\bnew\s+WebSocketServer\(`, `\bwebsocket\.Upgrader\b`, `@EnableWebSocket\w*\b`, `\bio\.on\(\s*['"]connection`, `\bAsyncWebsocketConsumer\b`, `\bSocketIO\(`)},
	{"file-uploads", alts(`\bS3Client\b`, `boto3\.client\(\s*['"]s3`, `\bUploadFile\b`, `\bMultipartFile\b`, `\bmulter\(`, `\.FormFile\(`, `@UploadedFile\(`, `\bFileInterceptor\(`)},
	{"email", alts(`\bsend_mail\(`, `\bJavaMailSender\b`, `nodemailer\.createTransport\(`, `\bsmtp\.SendMail\(`, `\bsgMail\.send\(`, `\bEmailMultiAlternatives\(`)},
	{"search", alts(`\bSearchVector\(`, `\bElasticsearch\(`, `\belasticsearch\.NewClient\(`, `\bMeiliSearch\(`, `@Document\(\s*indexName`)},
	{"messaging", alts(`@KafkaListener\b`, `@RabbitListener\b`, `\bnew\s+Kafka\(`, `\bamqp\.Dial\(`, `\bkafka\.NewReader\(`, `\bpika\.BlockingConnection\(`)},
}

// extraDeps maps dependencies to the depth they show.
var extraDeps = map[string]string{
	"celery": "background-jobs", "rq": "background-jobs", "dramatiq": "background-jobs", "huey": "background-jobs",
	"arq": "background-jobs", "apscheduler": "background-jobs", "django-q": "background-jobs", "django-celery-beat": "background-jobs",
	"bullmq": "background-jobs", "bull": "background-jobs", "agenda": "background-jobs", "bee-queue": "background-jobs",
	"node-cron": "background-jobs", "@nestjs/bull": "background-jobs", "@nestjs/bullmq": "background-jobs", "@nestjs/schedule": "background-jobs",
	"github.com/hibiken/asynq": "background-jobs", "github.com/robfig/cron/v3": "background-jobs", "github.com/riverqueue/river": "background-jobs",
	"spring-boot-starter-quartz": "background-jobs", "sidekiq": "background-jobs",
	"django-redis": "caching", "flask-caching": "caching", "fastapi-cache2": "caching", "aiocache": "caching",
	"spring-boot-starter-cache": "caching", "caffeine": "caching", "@nestjs/cache-manager": "caching", "cache-manager": "caching",
	"ioredis": "caching", "redis": "caching", "github.com/redis/go-redis/v9": "caching", "github.com/go-redis/redis/v8": "caching",
	"spring-boot-starter-data-redis": "caching",
	"channels":                       "websockets", "python-socketio": "websockets", "flask-socketio": "websockets", "websockets": "websockets",
	"socket.io": "websockets", "ws": "websockets", "@nestjs/websockets": "websockets", "github.com/gorilla/websocket": "websockets",
	"nhooyr.io/websocket": "websockets", "spring-boot-starter-websocket": "websockets", "github.com/coder/websocket": "websockets",
	"boto3": "file-uploads", "django-storages": "file-uploads", "multer": "file-uploads", "@aws-sdk/client-s3": "file-uploads",
	"aws-sdk": "file-uploads", "cloudinary": "file-uploads", "minio": "file-uploads", "s3": "file-uploads",
	"github.com/aws/aws-sdk-go-v2/service/s3": "file-uploads", "google-cloud-storage": "file-uploads", "python-multipart": "file-uploads",
	"nodemailer": "email", "@sendgrid/mail": "email", "sendgrid": "email", "spring-boot-starter-mail": "email",
	"django-anymail": "email", "flask-mail": "email", "fastapi-mail": "email", "resend": "email",
	"github.com/wneessen/go-mail": "email", "gopkg.in/gomail.v2": "email",
	"elasticsearch": "search", "@elastic/elasticsearch": "search", "opensearch-py": "search", "meilisearch": "search",
	"typesense": "search", "django-haystack": "search", "spring-boot-starter-data-elasticsearch": "search",
	"github.com/elastic/go-elasticsearch/v8": "search", "algoliasearch": "search",
	"kafkajs": "messaging", "amqplib": "messaging", "pika": "messaging", "aio-pika": "messaging", "kafka-python": "messaging",
	"confluent-kafka": "messaging", "spring-kafka": "messaging", "spring-boot-starter-amqp": "messaging",
	"github.com/segmentio/kafka-go": "messaging", "github.com/rabbitmq/amqp091-go": "messaging",
}

// frontendDeps make a package.json a client application.
var frontendDeps = []string{"react", "vue", "svelte", "@angular/core", "next", "nuxt", "react-native", "expo",
	"solid-js", "preact", "@sveltejs/kit", "@remix-run/react", "astro", "ember-source", "lit"}

// frontendDirs are folder names that hold a web client.
var frontendDirs = map[string]bool{"frontend": true, "client": true, "web": true, "ui": true, "webapp": true,
	"www": true, "app-frontend": true, "web-client": true, "dashboard": true, "front": true, "front-end": true}

// clientCandidate is a folder that may hold a client, ranked.
type clientCandidate struct {
	dir  string
	rank int // lower is stronger
}

type scopeState struct {
	pagination dirEvidence
	extras     map[string]*dirEvidence
	candidates []clientCandidate
	client     string
}

func newScopeState() scopeState { return scopeState{extras: map[string]*dirEvidence{}} }

// maxEvidenceDirs bounds the folders a dirEvidence remembers.
const maxEvidenceDirs = 2000

// dirEvidence keeps a few locations per folder. The client folder is only
// known at Finish, and its files often come first (client/ before
// server/): one capped list would be full of client locations that are
// then dropped, hiding the API's own.
type dirEvidence struct {
	dirs []string
	locs map[string][]facts.Location
}

func (e *dirEvidence) add(l facts.Location) {
	if e.locs == nil {
		e.locs = map[string][]facts.Location{}
	}
	d := path.Dir(l.Path)
	ev, ok := e.locs[d]
	if !ok {
		if len(e.dirs) >= maxEvidenceDirs {
			return
		}
		e.dirs = append(e.dirs, d)
	}
	e.locs[d] = scan.AddEvidence(ev, l)
}

// outside returns up to scan.MaxEvidence locations, in the order seen, whose
// path skip does not reject.
func (e *dirEvidence) outside(skip func(string) bool) []facts.Location {
	var out []facts.Location
	for _, d := range e.dirs {
		for _, l := range e.locs[d] {
			if !skip(l.Path) {
				out = scan.AddEvidence(out, l)
			}
		}
	}
	return out
}

// seePath notes the files that show a client without being read: a mobile
// project, an index.html in a frontend folder, a CLI or client folder.
func (c *scopeState) seePath(p string) {
	// Every path passes here: its folders are sliced out of p, not split.
	first, rest, nested := strings.Cut(p, "/")
	base := p[strings.LastIndexByte(p, '/')+1:]
	switch {
	case base == "AndroidManifest.xml" && nested:
		c.candidates = append(c.candidates, clientCandidate{first, 1})
	case strings.Contains(p, ".xcodeproj/") && nested:
		c.candidates = append(c.candidates, clientCandidate{first, 1})
	case base == "index.html":
		for end := 0; end < len(p)-len(base); {
			seg, _, _ := strings.Cut(p[end:], "/")
			end += len(seg)
			if frontendDirs[strings.ToLower(seg)] {
				c.candidates = append(c.candidates, clientCandidate{p[:end], 2})
				break
			}
			end++ // the slash
		}
	case nested && isSourceName(base):
		switch strings.ToLower(first) {
		case "client", "clients", "cli", "sdk", "frontend":
			c.candidates = append(c.candidates, clientCandidate{first, 3})
		case "cmd":
			if second, _, deeper := strings.Cut(rest, "/"); deeper && (strings.Contains(second, "cli") || strings.Contains(second, "client")) {
				c.candidates = append(c.candidates, clientCandidate{p[:len(first)+1+len(second)], 3})
			}
		}
	}
}

func isSourceName(base string) bool {
	switch path.Ext(base) {
	case ".py", ".go", ".js", ".ts", ".java", ".kt", ".dart", ".swift", ".rs":
		return true
	}
	return false
}

// scanConfig reads package.json and pubspec.yaml for a client application.
func (c *scopeState) scanConfig(p string, data []byte) {
	dir := path.Dir(p)
	switch path.Base(p) {
	case "pubspec.yaml":
		if strings.Contains(string(data), "flutter") {
			c.candidates = append(c.candidates, clientCandidate{dir, 1})
		}
	case "package.json":
		var pkg struct {
			Dependencies    map[string]any `json:"dependencies"`
			DevDependencies map[string]any `json:"devDependencies"`
		}
		if json.Unmarshal(data, &pkg) != nil {
			return
		}
		for _, d := range frontendDeps {
			_, a := pkg.Dependencies[d]
			_, b := pkg.DevDependencies[d]
			if a || b {
				rank := 0
				if dir == "." {
					rank = 4 // the root app is a client only beside a backend in another language
				}
				c.candidates = append(c.candidates, clientCandidate{dir, rank})
				return
			}
		}
	}
}

// packPagination returns where the file's pack sees a paginated query
// (Pack.Pagination), or -1.
func packPagination(s *source, code []byte) int {
	pk := stacks.ByID(s.group())
	if pk == nil || pk.Pagination == nil {
		return -1
	}
	if m := pk.Pagination.FindIndex(code); m != nil {
		return m[0]
	}
	return -1
}

func (c *scopeState) scan(s *source) {
	code := s.code
	if m := rePageStrong.FindIndex(code); m != nil {
		c.pagination.add(s.loc(m[0]))
	} else if m := packPagination(s, code); m >= 0 {
		c.pagination.add(s.loc(m))
	} else {
		for _, pair := range pagePairs {
			a := pair[0].FindIndex(code)
			if a != nil && pair[1].Match(code) {
				c.pagination.add(s.loc(a[0]))
				break
			}
		}
	}
	for _, x := range extraSignals {
		if m := x.re.FindIndex(code); m != nil {
			if c.extras[x.category] == nil {
				c.extras[x.category] = &dirEvidence{}
			}
			c.extras[x.category].add(s.loc(m[0]))
		}
	}
}

// finishClient picks the client folder, before the routes are counted so
// that the client's own code is not taken for the API's.
func (c *scopeState) finishClient(f *facts.Facts) {
	sort.SliceStable(c.candidates, func(i, j int) bool {
		if c.candidates[i].rank != c.candidates[j].rank {
			return c.candidates[i].rank < c.candidates[j].rank
		}
		return len(c.candidates[i].dir) < len(c.candidates[j].dir)
	})
	for _, cand := range c.candidates {
		if cand.dir == "." {
			if l := f.Stack.Language; l == "javascript" || l == "typescript" || l == "" {
				continue
			}
		}
		c.client = cand.dir
		return
	}
}

func (c *scopeState) inClient(p string) bool {
	return c.client != "" && c.client != "." && strings.HasPrefix(p, c.client+"/")
}

func (c *scopeState) finish(f *facts.Facts) {
	sc := &f.Scope
	sc.Client = c.client
	sc.PaginationEvidence = append(sc.PaginationEvidence, c.pagination.outside(c.inClient)...)
	if f.Stack.HasDep("fastapi-pagination", "django-filter", "mongoose-paginate-v2", "nestjs-paginate", "express-paginate") && len(sc.PaginationEvidence) == 0 {
		sc.PaginationEvidence = []facts.Location{manifestLoc(f.Stack)}
	}
	sc.Pagination = len(sc.PaginationEvidence) > 0

	found := map[string]bool{}
	cats := make([]string, 0, len(c.extras))
	for cat := range c.extras {
		cats = append(cats, cat)
	}
	sort.Strings(cats)
	for _, cat := range cats {
		for _, l := range c.extras[cat].outside(c.inClient) {
			found[cat] = true
			sc.ExtrasEvidence = scan.AddEvidence(sc.ExtrasEvidence, l)
		}
	}
	for d := range f.Stack.Dependencies {
		if cat, ok := extraDeps[d]; ok && !found[cat] {
			found[cat] = true
			sc.ExtrasEvidence = scan.AddEvidence(sc.ExtrasEvidence, manifestLoc(f.Stack))
		}
	}
	sc.Extras = nil
	for cat := range found {
		sc.Extras = append(sc.Extras, cat)
	}
	sort.Strings(sc.Extras)
	sort.Slice(sc.ExtrasEvidence, func(i, j int) bool {
		a, b := sc.ExtrasEvidence[i], sc.ExtrasEvidence[j]
		return a.Path < b.Path || a.Path == b.Path && a.Line < b.Line
	})
}
