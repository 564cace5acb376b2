package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"

	_ "github.com/lib/pq"
)

type Book struct {
	ID    int    `json:"id"`
	Title string `json:"title"`
}

var db *sql.DB

func main() {
	var err error
	db, err = sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}

	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello, World!")
	})
	http.HandleFunc("GET /books", listBooks)
	http.HandleFunc("POST /books", createBook)

	log.Fatal(http.ListenAndServe(":8080", nil))
}

func listBooks(w http.ResponseWriter, r *http.Request) {
	rows, err := db.Query("SELECT id, title FROM books")
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer rows.Close()
	var books []Book
	for rows.Next() {
		var b Book
		rows.Scan(&b.ID, &b.Title)
		books = append(books, b)
	}
	json.NewEncoder(w).Encode(books)
}

func createBook(w http.ResponseWriter, r *http.Request) {
	var b Book
	json.NewDecoder(r.Body).Decode(&b)
	db.QueryRow("INSERT INTO books (title) VALUES ($1) RETURNING id", b.Title).Scan(&b.ID)
	json.NewEncoder(w).Encode(b)
}
