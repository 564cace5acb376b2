// Package api holds the HTTP handlers.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-playground/validator/v10"

	"github.com/analima/habits-api/internal/auth"
	"github.com/analima/habits-api/internal/store"
)

// Store is what the handlers need from the database.
type Store interface {
	CreateUser(ctx context.Context, email, hash string) (store.User, error)
	UserByEmail(ctx context.Context, email string) (store.User, error)
	Habits(ctx context.Context, userID int64, limit, offset int) ([]store.Habit, error)
	Habit(ctx context.Context, userID, id int64) (store.Habit, error)
	SaveHabit(ctx context.Context, h store.Habit) (store.Habit, error)
	DeleteHabit(ctx context.Context, userID, id int64) error
	DeleteCheckin(ctx context.Context, userID, id int64) error
	Checkins(ctx context.Context, habitID int64) ([]store.Checkin, error)
	AddCheckin(ctx context.Context, habitID int64, day time.Time) (store.Checkin, error)
}

type Handler struct {
	store  Store
	tokens *auth.Tokens
	log    *slog.Logger
}

func NewHandler(s Store, tokens *auth.Tokens, log *slog.Logger) *Handler {
	return &Handler{store: s, tokens: tokens, log: log}
}

// apiError is an error with the status it answers.
type apiError struct {
	Status  int    `json:"-"`
	Message string `json:"error"`
}

func (e *apiError) Error() string { return e.Message }

func badRequest(msg string) error { return &apiError{Status: http.StatusBadRequest, Message: msg} }

// writeError is the one place errors become responses: known errors keep
// their status, missing rows are 404, anything else is logged and a 500.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		writeJSON(w, ae.Status, ae)
	case errors.Is(err, store.ErrNotFound):
		writeJSON(w, http.StatusNotFound, apiError{Message: "not found"})
	default:
		h.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Message: "internal error"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

var validate = validator.New(validator.WithRequiredStructEnabled())

// decode reads a JSON body into v and validates it by its struct tags.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("invalid JSON body")
	}
	if err := validate.Struct(v); err != nil {
		return badRequest(err.Error())
	}
	return nil
}

func (h *Handler) Health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

type credentials struct {
	Email    string `json:"email" validate:"required,email"`
	Password string `json:"password" validate:"required,min=8,max=72"`
}

func (h *Handler) Register(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if err := decode(r, &c); err != nil {
		h.writeError(w, r, err)
		return
	}
	hash, err := auth.HashPassword(c.Password)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	u, err := h.store.CreateUser(r.Context(), c.Email, hash)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, u)
}

func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if err := decode(r, &c); err != nil {
		h.writeError(w, r, err)
		return
	}
	u, err := h.store.UserByEmail(r.Context(), c.Email)
	if err != nil || !auth.CheckPassword(u.PasswordHash, c.Password) {
		h.writeError(w, r, &apiError{Status: http.StatusUnauthorized, Message: "wrong email or password"})
		return
	}
	token, err := h.tokens.Issue(u.ID)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"access_token": token})
}

func (h *Handler) Me(w http.ResponseWriter, r *http.Request) {
	id, _ := auth.UserID(r.Context())
	writeJSON(w, http.StatusOK, map[string]int64{"id": id})
}

func (h *Handler) ListHabits(w http.ResponseWriter, r *http.Request) {
	uid, _ := auth.UserID(r.Context())
	limit, offset := page(r)
	habits, err := h.store.Habits(r.Context(), uid, limit, offset)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": habits, "limit": limit, "offset": offset})
}

type habitBody struct {
	Name string `json:"name" validate:"required,max=100"`
	Goal int    `json:"goal_per_week" validate:"min=1,max=7"`
}

func (h *Handler) CreateHabit(w http.ResponseWriter, r *http.Request) {
	h.saveHabit(w, r, 0, http.StatusCreated)
}

func (h *Handler) UpdateHabit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.saveHabit(w, r, id, http.StatusOK)
}

func (h *Handler) saveHabit(w http.ResponseWriter, r *http.Request, id int64, status int) {
	uid, _ := auth.UserID(r.Context())
	var b habitBody
	if err := decode(r, &b); err != nil {
		h.writeError(w, r, err)
		return
	}
	habit, err := h.store.SaveHabit(r.Context(), store.Habit{ID: id, UserID: uid, Name: b.Name, Goal: b.Goal})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, status, habit)
}

func (h *Handler) GetHabit(w http.ResponseWriter, r *http.Request) {
	habit, err := h.ownHabit(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, habit)
}

func (h *Handler) DeleteHabit(w http.ResponseWriter, r *http.Request) {
	uid, _ := auth.UserID(r.Context())
	id, err := pathID(r)
	if err == nil {
		err = h.store.DeleteHabit(r.Context(), uid, id)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) ListCheckins(w http.ResponseWriter, r *http.Request) {
	habit, err := h.ownHabit(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	checkins, err := h.store.Checkins(r.Context(), habit.ID)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, checkins)
}

func (h *Handler) CreateCheckin(w http.ResponseWriter, r *http.Request) {
	habit, err := h.ownHabit(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	c, err := h.store.AddCheckin(r.Context(), habit.ID, time.Now().UTC().Truncate(24*time.Hour))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (h *Handler) DeleteCheckin(w http.ResponseWriter, r *http.Request) {
	uid, _ := auth.UserID(r.Context())
	id, err := pathID(r)
	if err == nil {
		err = h.store.DeleteCheckin(r.Context(), uid, id)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) ownHabit(r *http.Request) (store.Habit, error) {
	uid, _ := auth.UserID(r.Context())
	id, err := pathID(r)
	if err != nil {
		return store.Habit{}, err
	}
	return h.store.Habit(r.Context(), uid, id)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id < 1 {
		return 0, badRequest("id must be a positive integer")
	}
	return id, nil
}

// page reads limit (1..100, default 20) and offset from the query.
func page(r *http.Request) (limit, offset int) {
	limit, offset = 20, 0
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && v >= 1 && v <= 100 {
		limit = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("offset")); err == nil && v >= 0 {
		offset = v
	}
	return limit, offset
}
