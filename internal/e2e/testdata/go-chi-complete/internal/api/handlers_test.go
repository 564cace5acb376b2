package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/analima/habits-api/internal/auth"
	"github.com/analima/habits-api/internal/store"
)

type fakeStore struct {
	Store
	habits map[int64]store.Habit
}

func (f *fakeStore) Habit(_ context.Context, userID, id int64) (store.Habit, error) {
	h, ok := f.habits[id]
	if !ok || h.UserID != userID {
		return store.Habit{}, store.ErrNotFound
	}
	return h, nil
}

func (f *fakeStore) SaveHabit(_ context.Context, h store.Habit) (store.Habit, error) {
	h.ID = int64(len(f.habits) + 1)
	f.habits[h.ID] = h
	return h, nil
}

func newTestHandler() (*Handler, *auth.Tokens) {
	tokens := auth.NewTokens([]byte("test-secret"), time.Minute)
	return NewHandler(&fakeStore{habits: map[int64]store.Habit{}}, tokens, slog.New(slog.NewTextHandler(io.Discard, nil))), tokens
}

func TestCreateHabitValidates(t *testing.T) {
	h, _ := newTestHandler()
	req := httptest.NewRequest(http.MethodPost, "/habits", strings.NewReader(`{"name":"","goal_per_week":3}`))
	rec := httptest.NewRecorder()
	h.CreateHabit(rec, req)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", rec.Code)
	}
}

func TestProtectedRoutesNeedAToken(t *testing.T) {
	h, tokens := newTestHandler()
	srv := tokens.Middleware(http.HandlerFunc(h.ListHabits))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/habits", nil))
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", rec.Code)
	}
}

func TestUnknownHabitIs404(t *testing.T) {
	h, _ := newTestHandler()
	rec := httptest.NewRecorder()
	h.writeError(rec, httptest.NewRequest(http.MethodGet, "/habits/9", nil), store.ErrNotFound)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", rec.Code)
	}
}
