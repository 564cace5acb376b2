package code

import (
	"slices"
	"testing"
)

func TestPagination(t *testing.T) {
	cases := []struct {
		name  string
		stack [2]string
		deps  []string
		files []string
		want  bool
	}{
		{"fastapi skip limit", [2]string{"python", "fastapi"}, nil, []string{"app/routers/items.py", `
@router.get("/")
def list_items(skip: int = 0, limit: int = 100, db: Session = Depends(get_db)):
    return db.query(Item).offset(skip).limit(limit).all()
`}, true},
		{"drf settings", [2]string{"python", "django"}, nil, []string{"config/settings.py", `
REST_FRAMEWORK = {"DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination", "PAGE_SIZE": 20}
`}, true},
		{"fastapi-pagination dependency", [2]string{"python", "fastapi"}, []string{"fastapi-pagination"}, []string{"app/main.py", "app = FastAPI()\n"}, true},
		{"spring pageable", [2]string{"java", "spring-boot"}, nil, []string{"src/main/java/a/C.java", `
public Page<Order> list(Pageable pageable) { return repo.findAll(pageable); }
`}, true},
		{"prisma take skip", [2]string{"typescript", "express"}, nil, []string{"src/posts.ts", `
const posts = await prisma.post.findMany({ take: Number(req.query.limit), skip: Number(req.query.offset) });
`}, true},
		{"mongoose", [2]string{"javascript", "express"}, nil, []string{"src/posts.js", `
const posts = await Post.find().skip((page - 1) * limit).limit(limit);
`}, true},
		{"go sql", [2]string{"go", "net-http"}, nil, []string{"store.go", "package store\nconst q = `SELECT id FROM todos ORDER BY id LIMIT $1 OFFSET $2`\n"}, true},
		{"no pagination", [2]string{"python", "fastapi"}, nil, []string{"app/main.py", `
# TODO: add limit and offset
@app.get("/items")
def items(): return db.query(Item).all()
`}, false},
		{"rate limit is not pagination", [2]string{"javascript", "express"}, nil, []string{"src/app.js", `
app.use(rateLimit({ windowMs: 60000, limit: 100 }));
`}, false},
		{"paging only in the client", [2]string{"python", "fastapi"}, nil, []string{
			"frontend/package.json", `{"dependencies": {"react": "^18.0.0"}}`,
			"frontend/src/api.js", "export const list = (page, limit) => fetch(`/api/items?page=${page}&limit=${limit}`);",
			"app/main.py", "app = FastAPI()\n",
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, stackOf(c.stack[0], c.stack[1], c.deps...), c.files...)
			if f.Scope.Pagination != c.want {
				t.Errorf("pagination = %v, want %v (%v)", f.Scope.Pagination, c.want, f.Scope.PaginationEvidence)
			}
			if c.want && len(f.Scope.PaginationEvidence) == 0 {
				t.Error("no evidence")
			}
		})
	}
}

func TestClient(t *testing.T) {
	cases := []struct {
		name  string
		stack [2]string
		files []string
		want  string
	}{
		{"react frontend", [2]string{"python", "fastapi"}, []string{
			"backend/app/main.py", "app = FastAPI()\n",
			"frontend/package.json", `{"name":"web","dependencies":{"react":"18.2.0","axios":"1.6.0"}}`,
			"frontend/src/App.jsx", "export default function App() {}",
		}, "frontend"},
		{"vue client with routes-looking code", [2]string{"javascript", "express"}, []string{
			"server/app.js", "const app = express();\napp.get('/api/todos', list);\n",
			"client/package.json", `{"devDependencies":{"vue":"^3.4.0"}}`,
			"client/src/api.js", "router.get('/todos', (req) => {});",
		}, "client"},
		{"root react beside a Go API", [2]string{"go", "gin"}, []string{
			"package.json", `{"dependencies":{"react":"18"}}`, "main.go", "package main",
		}, "."},
		{"express app alone", [2]string{"javascript", "express"}, []string{
			"package.json", `{"dependencies":{"express":"4"}}`, "src/app.js", "const app = express();",
		}, ""},
		{"flutter app", [2]string{"java", "spring-boot"}, []string{
			"mobile/pubspec.yaml", "name: shop\ndependencies:\n  flutter:\n    sdk: flutter\n",
		}, "mobile"},
		{"static web folder", [2]string{"go", "net-http"}, []string{"web/static/index.html", "<html></html>"}, "web"},
		{"cli client", [2]string{"go", "net-http"}, []string{"cmd/todo-cli/main.go", "package main", "cmd/server/main.go", "package main"}, "cmd/todo-cli"},
		{"broken package.json", [2]string{"python", "flask"}, []string{"ui/package.json", `{"dependencies": {"react": `}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, stackOf(c.stack[0], c.stack[1]), c.files...)
			if f.Scope.Client != c.want {
				t.Errorf("client = %q, want %q", f.Scope.Client, c.want)
			}
		})
	}
	// The client's calls are not the API's routes.
	f := run(t, stackOf("javascript", "express"),
		"server/app.js", "const app = express();\napp.get('/api/todos', list);\n",
		"client/package.json", `{"devDependencies":{"vue":"^3.4.0"}}`,
		"client/src/mock.js", "router.get('/mock', (req) => {});")
	wantRoutes(t, f, "GET /api/todos")
}

func TestExtras(t *testing.T) {
	f := run(t, stackOf("python", "django", "celery", "django-redis"),
		"shop/tasks.py", `
from celery import shared_task

@shared_task
def send_receipt(order_id):
    send_mail("Receipt", "Thanks", "shop@example.com", [email])
`,
		"shop/consumers.py", `
# AsyncWebsocketConsumer would add live updates
`)
	if want := []string{"background-jobs", "caching", "email"}; !slices.Equal(f.Scope.Extras, want) {
		t.Errorf("extras = %q, want %q", f.Scope.Extras, want)
	}
	if len(f.Scope.ExtrasEvidence) == 0 {
		t.Error("no evidence")
	}

	f = run(t, stackOf("java", "spring-boot"), "src/main/java/a/Jobs.java", `
@EnableScheduling
public class Jobs { @Scheduled(cron = "0 0 * * * *") void nightly() {} @Cacheable("prices") Price p() { return null; } }
`)
	if want := []string{"background-jobs", "caching"}; !slices.Equal(f.Scope.Extras, want) {
		t.Errorf("extras = %q, want %q", f.Scope.Extras, want)
	}

	f = run(t, stackOf("go", "gin"), "main.go", "package main\nfunc main() { r := gin.Default() }\n")
	if len(f.Scope.Extras) != 0 {
		t.Errorf("extras = %q, want none", f.Scope.Extras)
	}
}
