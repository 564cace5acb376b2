// Package middleware holds the gin middleware: authentication, rate
// limiting and the one place errors become JSON responses.
package middleware

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/analima/recipes-api/internal/auth"
	"github.com/analima/recipes-api/internal/store"
)

// HTTPError is an error with the status it answers.
type HTTPError struct {
	Status  int
	Message string
}

func (e *HTTPError) Error() string { return e.Message }

// Errors turns the last error a handler recorded with c.Error into a JSON
// response: known errors keep their status, missing rows are 404 and
// anything else is logged and answered 500.
func Errors(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		last := c.Errors.Last()
		if last == nil {
			return
		}
		var he *HTTPError
		switch {
		case errors.As(last.Err, &he):
			c.JSON(he.Status, gin.H{"error": he.Message})
		case errors.Is(last.Err, store.ErrNotFound):
			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		case errors.Is(last.Err, store.ErrConflict):
			c.JSON(http.StatusConflict, gin.H{"error": "already exists"})
		default:
			log.Error("request failed", "method", c.Request.Method, "path", c.FullPath(), "err", last.Err)
			c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
		}
	}
}

// Auth rejects requests without a valid bearer token and stores the
// user's id in the context.
func Auth(tokens *auth.Tokens) gin.HandlerFunc {
	return func(c *gin.Context) {
		raw, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		if !ok {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing bearer token"})
			return
		}
		id, err := tokens.Verify(raw)
		if err != nil {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "invalid token"})
			return
		}
		c.Set(auth.UserKey, id)
		c.Next()
	}
}

// RateLimit allows each client IP r requests per second with bursts of b.
func RateLimit(r rate.Limit, b int) gin.HandlerFunc {
	var mu sync.Mutex
	limiters := map[string]*rate.Limiter{}
	return func(c *gin.Context) {
		mu.Lock()
		l, ok := limiters[c.ClientIP()]
		if !ok {
			l = rate.NewLimiter(r, b)
			limiters[c.ClientIP()] = l
		}
		mu.Unlock()
		if !l.Allow() {
			c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "too many requests"})
			return
		}
		c.Next()
	}
}
