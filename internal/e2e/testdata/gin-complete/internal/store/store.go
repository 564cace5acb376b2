// Package store reads and writes users, recipes and ingredients in PostgreSQL.
package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound is returned when a row does not exist or belongs to someone else.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a unique constraint is violated.
var ErrConflict = errors.New("conflict")

type User struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	PasswordHash string `json:"-"`
}

type Recipe struct {
	ID      int64  `json:"id"`
	UserID  int64  `json:"user_id"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
}

type Ingredient struct {
	ID       int64  `json:"id"`
	RecipeID int64  `json:"recipe_id"`
	Name     string `json:"name"`
	Quantity string `json:"quantity"`
}

type Store struct{ db *pgxpool.Pool }

func New(db *pgxpool.Pool) *Store { return &Store{db: db} }

func (s *Store) CreateUser(ctx context.Context, email, hash string) (User, error) {
	u := User{Email: email}
	err := s.db.QueryRow(ctx, `INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id`, email, hash).Scan(&u.ID)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return u, ErrConflict
	}
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

func (s *Store) Recipes(ctx context.Context, userID int64, limit, offset int) ([]Recipe, error) {
	rows, err := s.db.Query(ctx, `SELECT id, user_id, title, minutes FROM recipes WHERE user_id = $1 ORDER BY id LIMIT $2 OFFSET $3`, userID, limit, offset)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Recipe])
}

func (s *Store) Recipe(ctx context.Context, userID, id int64) (Recipe, error) {
	var r Recipe
	err := s.db.QueryRow(ctx, `SELECT id, user_id, title, minutes FROM recipes WHERE id = $1 AND user_id = $2`, id, userID).
		Scan(&r.ID, &r.UserID, &r.Title, &r.Minutes)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

func (s *Store) SaveRecipe(ctx context.Context, r Recipe) (Recipe, error) {
	if r.ID == 0 {
		err := s.db.QueryRow(ctx, `INSERT INTO recipes (user_id, title, minutes) VALUES ($1, $2, $3) RETURNING id`, r.UserID, r.Title, r.Minutes).Scan(&r.ID)
		return r, err
	}
	tag, err := s.db.Exec(ctx, `UPDATE recipes SET title = $1, minutes = $2 WHERE id = $3 AND user_id = $4`, r.Title, r.Minutes, r.ID, r.UserID)
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	return r, err
}

func (s *Store) DeleteRecipe(ctx context.Context, userID, id int64) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM recipes WHERE id = $1 AND user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	return err
}

func (s *Store) Ingredients(ctx context.Context, recipeID int64) ([]Ingredient, error) {
	rows, err := s.db.Query(ctx, `SELECT id, recipe_id, name, quantity FROM ingredients WHERE recipe_id = $1 ORDER BY id`, recipeID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Ingredient])
}

func (s *Store) AddIngredient(ctx context.Context, in Ingredient) (Ingredient, error) {
	err := s.db.QueryRow(ctx, `INSERT INTO ingredients (recipe_id, name, quantity) VALUES ($1, $2, $3) RETURNING id`, in.RecipeID, in.Name, in.Quantity).Scan(&in.ID)
	return in, err
}

// DeleteIngredient deletes an ingredient of one of the user's recipes.
func (s *Store) DeleteIngredient(ctx context.Context, userID, id int64) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM ingredients i USING recipes r WHERE i.id = $1 AND i.recipe_id = r.id AND r.user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	return err
}
