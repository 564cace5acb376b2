// Package store reads and writes users, habits and check-ins in PostgreSQL.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound is returned when a row does not exist or belongs to someone else.
var ErrNotFound = errors.New("not found")

type User struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	PasswordHash string `json:"-"`
}

type Habit struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	Goal   int    `json:"goal_per_week"`
}

type Checkin struct {
	ID      int64     `json:"id"`
	HabitID int64     `json:"habit_id"`
	Day     time.Time `json:"day"`
}

type Store struct{ db *pgxpool.Pool }

func New(db *pgxpool.Pool) *Store { return &Store{db: db} }

func (s *Store) CreateUser(ctx context.Context, email, hash string) (User, error) {
	u := User{Email: email}
	err := s.db.QueryRow(ctx, `INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id`, email, hash).Scan(&u.ID)
	return u, err
}

func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	err := s.db.QueryRow(ctx, `SELECT id, email, password_hash FROM users WHERE email = $1`, email).Scan(&u.ID, &u.Email, &u.PasswordHash)
	if errors.Is(err, pgx.ErrNoRows) {
		return u, ErrNotFound
	}
	return u, err
}

func (s *Store) Habits(ctx context.Context, userID int64, limit, offset int) ([]Habit, error) {
	rows, err := s.db.Query(ctx, `SELECT id, user_id, name, goal_per_week FROM habits WHERE user_id = $1 ORDER BY id LIMIT $2 OFFSET $3`, userID, limit, offset)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Habit])
}

func (s *Store) Habit(ctx context.Context, userID, id int64) (Habit, error) {
	var h Habit
	err := s.db.QueryRow(ctx, `SELECT id, user_id, name, goal_per_week FROM habits WHERE id = $1 AND user_id = $2`, id, userID).
		Scan(&h.ID, &h.UserID, &h.Name, &h.Goal)
	if errors.Is(err, pgx.ErrNoRows) {
		return h, ErrNotFound
	}
	return h, err
}

func (s *Store) SaveHabit(ctx context.Context, h Habit) (Habit, error) {
	if h.ID == 0 {
		err := s.db.QueryRow(ctx, `INSERT INTO habits (user_id, name, goal_per_week) VALUES ($1, $2, $3) RETURNING id`, h.UserID, h.Name, h.Goal).Scan(&h.ID)
		return h, err
	}
	tag, err := s.db.Exec(ctx, `UPDATE habits SET name = $1, goal_per_week = $2 WHERE id = $3 AND user_id = $4`, h.Name, h.Goal, h.ID, h.UserID)
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	return h, err
}

func (s *Store) DeleteHabit(ctx context.Context, userID, id int64) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM habits WHERE id = $1 AND user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	return err
}

func (s *Store) Checkins(ctx context.Context, habitID int64) ([]Checkin, error) {
	rows, err := s.db.Query(ctx, `SELECT id, habit_id, day FROM checkins WHERE habit_id = $1 ORDER BY day DESC LIMIT 100`, habitID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Checkin])
}

func (s *Store) AddCheckin(ctx context.Context, habitID int64, day time.Time) (Checkin, error) {
	c := Checkin{HabitID: habitID, Day: day}
	err := s.db.QueryRow(ctx, `INSERT INTO checkins (habit_id, day) VALUES ($1, $2) RETURNING id`, habitID, day).Scan(&c.ID)
	return c, err
}

// DeleteCheckin deletes a check-in of one of the user's habits.
func (s *Store) DeleteCheckin(ctx context.Context, userID, id int64) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM checkins c USING habits h WHERE c.id = $1 AND c.habit_id = h.id AND h.user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	return err
}
