package main

import (
	"log"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"github.com/analima/bookclub-api/internal/models"
)

func main() {
	db, err := gorm.Open(postgres.Open(os.Getenv("DATABASE_URL")), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.AutoMigrate(&models.Member{}, &models.Book{}, &models.Genre{}, &models.Review{}); err != nil {
		log.Fatal(err)
	}
	r := gin.Default()
	r.GET("/books", func(c *gin.Context) {
		var books []models.Book
		if err := db.Preload("Genres").Find(&books).Error; err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": "could not list books"})
			return
		}
		c.JSON(http.StatusOK, books)
	})
	r.POST("/books/:id/reviews", func(c *gin.Context) {
		var in models.ReviewInput
		if err := c.ShouldBindJSON(&in); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusCreated, in)
	})
	log.Fatal(r.Run(":8080"))
}
