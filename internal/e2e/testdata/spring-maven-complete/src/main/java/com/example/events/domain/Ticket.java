package com.example.events.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.*;
import org.springframework.data.jpa.repository.JpaRepository;

@Entity
@Table(name = "tickets")
public class Ticket {

    public interface Repository extends JpaRepository<Ticket, Long> {
        List<Ticket> findByHolderId(Long holderId);
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    private Event event;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "holder_id")
    private AppUser holder;

    @Column(name = "booked_at")
    private Instant bookedAt = Instant.now();

    protected Ticket() {
    }

    public Ticket(Event event, AppUser holder) {
        this.event = event;
        this.holder = holder;
    }

    public Long getId() { return id; }
    public Event getEvent() { return event; }
    public AppUser getHolder() { return holder; }
    public Instant getBookedAt() { return bookedAt; }
}
