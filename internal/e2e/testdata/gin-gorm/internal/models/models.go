// Package models holds the book club's tables, migrated by GORM.
package models

import (
	"time"

	"gorm.io/gorm"
)

// Member is someone who joined the club.
type Member struct {
	gorm.Model
	Email        string `gorm:"uniqueIndex;not null;size:255" json:"email"`
	DisplayName  string `gorm:"size:80" json:"display_name"`
	PasswordHash string `gorm:"not null" json:"-"`
	Reviews      []Review
}

// Book is a book the club reads.
type Book struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	Title       string    `gorm:"not null;index" json:"title"`
	Price       float64   `json:"price"`
	PublishedAt time.Time `json:"published_at"`
	Genres      []Genre   `gorm:"many2many:book_genres;" json:"genres"`
}

// Genre groups books.
type Genre struct {
	ID   uint   `json:"id"`
	Name string `gorm:"unique;not null" json:"name"`
}

// Review is a member's review of a book.
type Review struct {
	ID       uint   `json:"id"`
	MemberID uint   `gorm:"not null" json:"member_id"`
	BookID   uint   `gorm:"not null" json:"book_id"`
	Book     Book   `gorm:"constraint:OnDelete:CASCADE;" json:"-"`
	Rating   int    `gorm:"not null;check:rating BETWEEN 1 AND 5" json:"rating"`
	Body     string `json:"body"`
}

// ReviewInput is the body of POST /books/:id/reviews.
type ReviewInput struct {
	Rating int    `json:"rating" binding:"required,min=1,max=5"`
	Body   string `json:"body"`
}
