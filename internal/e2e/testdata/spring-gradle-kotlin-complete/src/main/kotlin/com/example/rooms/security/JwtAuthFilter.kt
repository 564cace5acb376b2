package com.example.rooms.security

import io.jsonwebtoken.JwtException
import io.jsonwebtoken.Jwts
import io.jsonwebtoken.io.Decoders
import io.jsonwebtoken.security.Keys
import jakarta.servlet.FilterChain
import jakarta.servlet.http.HttpServletRequest
import jakarta.servlet.http.HttpServletResponse
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.Date
import javax.crypto.SecretKey
import org.springframework.beans.factory.annotation.Value
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken
import org.springframework.security.core.context.SecurityContextHolder
import org.springframework.stereotype.Component
import org.springframework.web.filter.OncePerRequestFilter

/** Issues JWT access tokens and authenticates requests that carry one. */
@Component
class JwtAuthFilter(
    @Value("\${jwt.secret}") secret: String,
    @Value("\${jwt.expiration-minutes}") private val expirationMinutes: Long,
) : OncePerRequestFilter() {

    private val key: SecretKey = Keys.hmacShaKeyFor(Decoders.BASE64.decode(secret))

    fun issue(userId: Long): String {
        val now = Instant.now()
        return Jwts.builder()
            .subject(userId.toString())
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plus(expirationMinutes, ChronoUnit.MINUTES)))
            .signWith(key)
            .compact()
    }

    override fun doFilterInternal(request: HttpServletRequest, response: HttpServletResponse, chain: FilterChain) {
        val header = request.getHeader("Authorization")
        if (header != null && header.startsWith("Bearer ")) {
            try {
                val subject = Jwts.parser().verifyWith(key).build()
                    .parseSignedClaims(header.substring(7)).payload.subject
                SecurityContextHolder.getContext().authentication =
                    UsernamePasswordAuthenticationToken(subject.toLong(), null, emptyList())
            } catch (e: JwtException) {
                SecurityContextHolder.clearContext()
            } catch (e: IllegalArgumentException) {
                SecurityContextHolder.clearContext()
            }
        }
        chain.doFilter(request, response)
    }
}
