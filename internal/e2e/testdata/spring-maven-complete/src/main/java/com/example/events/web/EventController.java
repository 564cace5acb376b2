package com.example.events.web;

import java.time.Instant;
import java.util.List;

import com.example.events.domain.AppUser;
import com.example.events.domain.Event;
import com.example.events.domain.Ticket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api")
@Tag(name = "events")
public class EventController {

    public record EventRequest(@NotBlank String title, @Future Instant startsAt, @Positive int capacity) {
    }

    public record EventResponse(Long id, String title, Instant startsAt, int capacity, Long organizerId) {
        static EventResponse of(Event e) {
            return new EventResponse(e.getId(), e.getTitle(), e.getStartsAt(), e.getCapacity(), e.getOrganizer().getId());
        }
    }

    public record TicketResponse(Long id, Long eventId, Instant bookedAt) {
        static TicketResponse of(Ticket t) {
            return new TicketResponse(t.getId(), t.getEvent().getId(), t.getBookedAt());
        }
    }

    private final Event.Repository events;
    private final Ticket.Repository tickets;
    private final AppUser.Repository users;

    public EventController(Event.Repository events, Ticket.Repository tickets, AppUser.Repository users) {
        this.events = events;
        this.tickets = tickets;
        this.users = users;
    }

    @GetMapping("/events")
    @Operation(summary = "List events, a page at a time")
    public Page<EventResponse> list(@PageableDefault(size = 20, sort = "startsAt") Pageable pageable) {
        return events.findAll(pageable).map(EventResponse::of);
    }

    @GetMapping("/events/{id}")
    @Operation(summary = "Get an event")
    public EventResponse get(@PathVariable Long id) {
        return EventResponse.of(find(id));
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an event")
    public EventResponse create(@Valid @RequestBody EventRequest body, @AuthenticationPrincipal Long userId) {
        AppUser organizer = users.getReferenceById(userId);
        return EventResponse.of(events.save(new Event(body.title(), body.startsAt(), body.capacity(), organizer)));
    }

    @PutMapping("/events/{id}")
    @Transactional
    @Operation(summary = "Update an event you organise")
    public EventResponse update(@PathVariable Long id, @Valid @RequestBody EventRequest body, @AuthenticationPrincipal Long userId) {
        Event event = owned(id, userId);
        event.update(body.title(), body.startsAt(), body.capacity());
        return EventResponse.of(event);
    }

    @DeleteMapping("/events/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel an event you organise")
    public void delete(@PathVariable Long id, @AuthenticationPrincipal Long userId) {
        events.delete(owned(id, userId));
    }

    @PostMapping("/events/{id}/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book a ticket")
    public TicketResponse book(@PathVariable Long id, @AuthenticationPrincipal Long userId) {
        Event event = find(id);
        if (event.getTickets().size() >= event.getCapacity()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Event is sold out");
        }
        return TicketResponse.of(tickets.save(new Ticket(event, users.getReferenceById(userId))));
    }

    @GetMapping("/tickets")
    @Operation(summary = "List my tickets")
    public List<TicketResponse> myTickets(@AuthenticationPrincipal Long userId) {
        return tickets.findByHolderId(userId).stream().map(TicketResponse::of).toList();
    }

    @DeleteMapping("/tickets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a ticket")
    public void cancel(@PathVariable Long id, @AuthenticationPrincipal Long userId) {
        Ticket ticket = tickets.findById(id)
                .filter(t -> t.getHolder().getId().equals(userId))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Ticket not found"));
        tickets.delete(ticket);
    }

    private Event find(Long id) {
        return events.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Event not found"));
    }

    private Event owned(Long id, Long userId) {
        Event event = find(id);
        if (!event.getOrganizer().getId().equals(userId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Not your event");
        }
        return event;
    }
}
