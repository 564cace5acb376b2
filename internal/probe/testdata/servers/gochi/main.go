// Command gochi is a small chi + PostgreSQL API the probe's integration
// tests run. Its health route is /healthcheck and its document is a
// static file that only the Swagger UI page names, as in many Go
// portfolios. BROKEN=1 lets any origin call it (CORS *); GATEWAY=1 puts
// HTTP Basic in front of everything, as a proxy in front of a staging
// deployment does.
package main

import (
	"database/sql"
	"embed"
	"encoding/json"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/go-chi/chi/v5"
	_ "github.com/lib/pq"
)

//go:embed static
var static embed.FS

type book struct {
	ID     int    `json:"id"`
	Title  string `json:"title"`
	Author string `json:"author"`
}

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS books (id serial PRIMARY KEY, title text NOT NULL, author text NOT NULL);
		INSERT INTO books (title, author) SELECT 'Dune', 'Frank Herbert' WHERE NOT EXISTS (SELECT 1 FROM books)`); err != nil {
		log.Fatal(err)
	}
	broken := os.Getenv("BROKEN") == "1"
	r := chi.NewRouter()
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("X-Content-Type-Options", "nosniff")
			if broken {
				w.Header().Set("Access-Control-Allow-Origin", "*")
			}
			next.ServeHTTP(w, req)
		})
	})
	if os.Getenv("GATEWAY") == "1" {
		r.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				if _, _, ok := req.BasicAuth(); !ok {
					w.Header().Set("WWW-Authenticate", `Basic realm="staging"`)
					http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
					return
				}
				next.ServeHTTP(w, req)
			})
		})
	}
	r.NotFound(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
	})
	r.Get("/healthcheck", func(w http.ResponseWriter, req *http.Request) {
		if err := db.PingContext(req.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	r.Get("/api/v1/books", func(w http.ResponseWriter, req *http.Request) {
		rows, err := db.QueryContext(req.Context(), `SELECT id, title, author FROM books ORDER BY id`)
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			return
		}
		defer rows.Close()
		books := []book{}
		for rows.Next() {
			var b book
			if err := rows.Scan(&b.ID, &b.Title, &b.Author); err == nil {
				books = append(books, b)
			}
		}
		writeJSON(w, http.StatusOK, books)
	})
	r.Get("/api/v1/me", func(w http.ResponseWriter, req *http.Request) {
		if tok := os.Getenv("API_TOKEN"); tok == "" || req.Header.Get("Authorization") != "Bearer "+tok {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"user": "reviewer"})
	})
	sub, _ := fs.Sub(static, "static")
	r.Handle("/docs/*", http.StripPrefix("/docs/", http.FileServer(http.FS(sub))))
	r.Get("/docs", func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, "/docs/", http.StatusMovedPermanently)
	})

	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Getenv("PORT"))
	if err != nil {
		log.Fatal(err)
	}
	log.Println("listening")
	log.Fatal(http.Serve(ln, r))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
