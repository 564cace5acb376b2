package com.example.rooms.security

import io.github.bucket4j.Bandwidth
import io.github.bucket4j.Bucket
import jakarta.servlet.FilterChain
import jakarta.servlet.http.HttpServletRequest
import jakarta.servlet.http.HttpServletResponse
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import org.springframework.stereotype.Component
import org.springframework.web.filter.OncePerRequestFilter

/** Allows each client address 100 requests a minute. */
@Component
class RateLimitFilter : OncePerRequestFilter() {

    private val buckets = ConcurrentHashMap<String, Bucket>()

    override fun doFilterInternal(request: HttpServletRequest, response: HttpServletResponse, chain: FilterChain) {
        val bucket = buckets.computeIfAbsent(request.remoteAddr) {
            Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(100).refillGreedy(100, Duration.ofMinutes(1)).build())
                .build()
        }
        if (!bucket.tryConsume(1)) {
            response.status = 429
            response.contentType = "application/json"
            response.writer.write("""{"error":"too_many_requests"}""")
            return
        }
        chain.doFilter(request, response)
    }
}
