package com.example.events.web;

import com.example.events.domain.AppUser;
import com.example.events.security.JwtAuthFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api")
@Tag(name = "auth")
public class AuthController {

    public record Credentials(@NotBlank @Email String email, @NotBlank @Size(min = 8, max = 72) String password) {
    }

    public record TokenResponse(String accessToken) {
    }

    public record UserResponse(Long id, String email) {
    }

    private final AppUser.Repository users;
    private final PasswordEncoder encoder;
    private final JwtAuthFilter jwt;

    public AuthController(AppUser.Repository users, PasswordEncoder encoder, JwtAuthFilter jwt) {
        this.users = users;
        this.encoder = encoder;
        this.jwt = jwt;
    }

    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account")
    public UserResponse register(@Valid @RequestBody Credentials body) {
        if (users.findByEmail(body.email()).isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Email already registered");
        }
        AppUser user = users.save(new AppUser(body.email(), encoder.encode(body.password())));
        return new UserResponse(user.getId(), user.getEmail());
    }

    @PostMapping("/auth/login")
    @Operation(summary = "Exchange credentials for a JWT access token")
    public TokenResponse login(@Valid @RequestBody Credentials body) {
        AppUser user = users.findByEmail(body.email())
                .filter(u -> encoder.matches(body.password(), u.getPasswordHash()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Wrong email or password"));
        return new TokenResponse(jwt.issue(user.getId()));
    }

    @GetMapping("/users/me")
    @Operation(summary = "The authenticated user")
    public UserResponse me(@AuthenticationPrincipal Long userId) {
        AppUser user = users.findById(userId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return new UserResponse(user.getId(), user.getEmail());
    }
}
