package handler

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/analima/recipes-api/internal/auth"
	"github.com/analima/recipes-api/internal/middleware"
	"github.com/analima/recipes-api/internal/store"
)

type fakeStore struct {
	Store
	recipes map[int64]store.Recipe
}

func (f *fakeStore) Recipe(_ context.Context, userID, id int64) (store.Recipe, error) {
	r, ok := f.recipes[id]
	if !ok || r.UserID != userID {
		return store.Recipe{}, store.ErrNotFound
	}
	return r, nil
}

func router() (*gin.Engine, *auth.Tokens) {
	gin.SetMode(gin.TestMode)
	tokens := auth.NewTokens([]byte("test-secret"), time.Minute)
	h := New(&fakeStore{recipes: map[int64]store.Recipe{}}, tokens)
	r := gin.New()
	r.Use(middleware.Errors(slog.New(slog.NewTextHandler(io.Discard, nil))))
	api := r.Group("")
	api.Use(middleware.Auth(tokens))
	api.POST("/recipes", h.CreateRecipe)
	api.GET("/recipes/:id", h.GetRecipe)
	return r, tokens
}

func TestRecipesNeedAToken(t *testing.T) {
	r, _ := router()
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/recipes/1", nil))
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", rec.Code)
	}
}

func TestCreateRecipeValidates(t *testing.T) {
	r, tokens := router()
	token, _ := tokens.Issue(1)
	req := httptest.NewRequest(http.MethodPost, "/recipes", strings.NewReader(`{"title":"","minutes":0}`))
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", rec.Code)
	}
}

func TestUnknownRecipeIs404(t *testing.T) {
	r, tokens := router()
	token, _ := tokens.Issue(1)
	req := httptest.NewRequest(http.MethodGet, "/recipes/9", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", rec.Code)
	}
}
