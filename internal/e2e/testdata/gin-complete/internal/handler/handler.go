// Package handler holds the HTTP handlers of the recipes API.
package handler

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/analima/recipes-api/internal/auth"
	"github.com/analima/recipes-api/internal/middleware"
	"github.com/analima/recipes-api/internal/store"
)

// Store is what the handlers need from the database.
type Store interface {
	CreateUser(ctx context.Context, email, hash string) (store.User, error)
	UserByEmail(ctx context.Context, email string) (store.User, error)
	Recipes(ctx context.Context, userID int64, limit, offset int) ([]store.Recipe, error)
	Recipe(ctx context.Context, userID, id int64) (store.Recipe, error)
	SaveRecipe(ctx context.Context, r store.Recipe) (store.Recipe, error)
	DeleteRecipe(ctx context.Context, userID, id int64) error
	Ingredients(ctx context.Context, recipeID int64) ([]store.Ingredient, error)
	AddIngredient(ctx context.Context, in store.Ingredient) (store.Ingredient, error)
	DeleteIngredient(ctx context.Context, userID, id int64) error
}

type Handler struct {
	store  Store
	tokens *auth.Tokens
}

func New(s Store, tokens *auth.Tokens) *Handler { return &Handler{store: s, tokens: tokens} }

func badRequest(msg string) error {
	return &middleware.HTTPError{Status: http.StatusBadRequest, Message: msg}
}

func (h *Handler) Health(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) }

type credentials struct {
	Email    string `json:"email" binding:"required,email"`
	Password string `json:"password" binding:"required,min=8,max=72"`
}

func (h *Handler) Register(c *gin.Context) {
	var in credentials
	if err := c.ShouldBindJSON(&in); err != nil {
		_ = c.Error(badRequest(err.Error()))
		return
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		_ = c.Error(err)
		return
	}
	u, err := h.store.CreateUser(c.Request.Context(), in.Email, hash)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, u)
}

func (h *Handler) Login(c *gin.Context) {
	var in credentials
	if err := c.ShouldBindJSON(&in); err != nil {
		_ = c.Error(badRequest(err.Error()))
		return
	}
	u, err := h.store.UserByEmail(c.Request.Context(), in.Email)
	if err != nil || !auth.CheckPassword(u.PasswordHash, in.Password) {
		_ = c.Error(&middleware.HTTPError{Status: http.StatusUnauthorized, Message: "wrong email or password"})
		return
	}
	token, err := h.tokens.Issue(u.ID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"access_token": token})
}

func (h *Handler) Me(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"id": c.GetInt64(auth.UserKey)}) }

type pageQuery struct {
	Limit  int `form:"limit,default=20" binding:"min=1,max=100"`
	Offset int `form:"offset,default=0" binding:"min=0"`
}

func (h *Handler) ListRecipes(c *gin.Context) {
	var p pageQuery
	if err := c.ShouldBindQuery(&p); err != nil {
		_ = c.Error(badRequest(err.Error()))
		return
	}
	recipes, err := h.store.Recipes(c.Request.Context(), c.GetInt64(auth.UserKey), p.Limit, p.Offset)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": recipes, "limit": p.Limit, "offset": p.Offset})
}

type recipeBody struct {
	Title   string `json:"title" binding:"required,max=120"`
	Minutes int    `json:"minutes" binding:"required,min=1"`
}

func (h *Handler) CreateRecipe(c *gin.Context) { h.saveRecipe(c, 0, http.StatusCreated) }

func (h *Handler) UpdateRecipe(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	h.saveRecipe(c, id, http.StatusOK)
}

func (h *Handler) saveRecipe(c *gin.Context, id int64, status int) {
	var b recipeBody
	if err := c.ShouldBindJSON(&b); err != nil {
		_ = c.Error(badRequest(err.Error()))
		return
	}
	r, err := h.store.SaveRecipe(c.Request.Context(), store.Recipe{ID: id, UserID: c.GetInt64(auth.UserKey), Title: b.Title, Minutes: b.Minutes})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(status, r)
}

func (h *Handler) GetRecipe(c *gin.Context) {
	r, err := h.ownRecipe(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, r)
}

func (h *Handler) DeleteRecipe(c *gin.Context) {
	id, err := pathID(c)
	if err == nil {
		err = h.store.DeleteRecipe(c.Request.Context(), c.GetInt64(auth.UserKey), id)
	}
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *Handler) ListIngredients(c *gin.Context) {
	r, err := h.ownRecipe(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	items, err := h.store.Ingredients(c.Request.Context(), r.ID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, items)
}

type ingredientBody struct {
	Name     string `json:"name" binding:"required,max=80"`
	Quantity string `json:"quantity" binding:"max=40"`
}

func (h *Handler) AddIngredient(c *gin.Context) {
	r, err := h.ownRecipe(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	var b ingredientBody
	if err := c.ShouldBindJSON(&b); err != nil {
		_ = c.Error(badRequest(err.Error()))
		return
	}
	in, err := h.store.AddIngredient(c.Request.Context(), store.Ingredient{RecipeID: r.ID, Name: b.Name, Quantity: b.Quantity})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, in)
}

func (h *Handler) DeleteIngredient(c *gin.Context) {
	id, err := pathID(c)
	if err == nil {
		err = h.store.DeleteIngredient(c.Request.Context(), c.GetInt64(auth.UserKey), id)
	}
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *Handler) ownRecipe(c *gin.Context) (store.Recipe, error) {
	id, err := pathID(c)
	if err != nil {
		return store.Recipe{}, err
	}
	return h.store.Recipe(c.Request.Context(), c.GetInt64(auth.UserKey), id)
}

func pathID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, badRequest("id must be a positive integer")
	}
	return id, nil
}
