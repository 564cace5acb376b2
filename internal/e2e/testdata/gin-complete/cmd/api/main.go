package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	_ "github.com/golang-migrate/migrate/v4/source/file"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/analima/recipes-api/internal/auth"
	"github.com/analima/recipes-api/internal/handler"
	"github.com/analima/recipes-api/internal/middleware"
	"github.com/analima/recipes-api/internal/store"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(logger)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err := runMigrations(os.Getenv("DATABASE_URL")); err != nil {
		logger.Error("migrate", "err", err)
		os.Exit(1)
	}
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		logger.Error("connect to database", "err", err)
		os.Exit(1)
	}
	defer pool.Close()

	tokens := auth.NewTokens([]byte(os.Getenv("JWT_SECRET")), time.Hour)
	h := handler.New(store.New(pool), tokens)

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	r.Use(cors.New(cors.Config{
		AllowOrigins: []string{os.Getenv("CORS_ORIGIN")},
		AllowMethods: []string{"GET", "POST", "PUT", "DELETE"},
		AllowHeaders: []string{"Authorization", "Content-Type"},
	}))
	r.Use(middleware.RateLimit(5, 20))
	r.Use(middleware.Errors(logger))

	r.GET("/health", h.Health)
	r.POST("/auth/register", h.Register)
	r.POST("/auth/login", h.Login)

	api := r.Group("")
	api.Use(middleware.Auth(tokens))
	api.GET("/users/me", h.Me)
	api.GET("/recipes", h.ListRecipes)
	api.POST("/recipes", h.CreateRecipe)
	api.GET("/recipes/:id", h.GetRecipe)
	api.PUT("/recipes/:id", h.UpdateRecipe)
	api.DELETE("/recipes/:id", h.DeleteRecipe)
	api.GET("/recipes/:id/ingredients", h.ListIngredients)
	api.POST("/recipes/:id/ingredients", h.AddIngredient)
	api.DELETE("/ingredients/:id", h.DeleteIngredient)

	srv := &http.Server{Addr: ":" + envOr("PORT", "8080"), Handler: r, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		logger.Info("listening", "addr", srv.Addr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("serve", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}

// runMigrations applies the migrations in ./migrations before serving.
func runMigrations(databaseURL string) error {
	m, err := migrate.New("file://migrations", "pgx5://"+trimScheme(databaseURL))
	if err != nil {
		return err
	}
	if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return err
	}
	return nil
}

func trimScheme(u string) string {
	for _, p := range []string{"postgres://", "postgresql://"} {
		if len(u) > len(p) && u[:len(p)] == p {
			return u[len(p):]
		}
	}
	return u
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
