module example.com/gochi

go 1.26

require (
	github.com/go-chi/chi/v5 v5.2.3
	github.com/lib/pq v1.10.9
)
