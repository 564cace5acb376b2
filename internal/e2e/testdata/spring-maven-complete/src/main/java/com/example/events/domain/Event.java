package com.example.events.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.*;
import org.springframework.data.jpa.repository.JpaRepository;

@Entity
@Table(name = "events")
public class Event {

    public interface Repository extends JpaRepository<Event, Long> {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    @Column(name = "starts_at")
    private Instant startsAt;

    private int capacity;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organizer_id")
    private AppUser organizer;

    @OneToMany(mappedBy = "event", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<Ticket> tickets = new ArrayList<>();

    protected Event() {
    }

    public Event(String title, Instant startsAt, int capacity, AppUser organizer) {
        this.title = title;
        this.startsAt = startsAt;
        this.capacity = capacity;
        this.organizer = organizer;
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public Instant getStartsAt() { return startsAt; }
    public int getCapacity() { return capacity; }
    public AppUser getOrganizer() { return organizer; }
    public List<Ticket> getTickets() { return tickets; }

    public void update(String title, Instant startsAt, int capacity) {
        this.title = title;
        this.startsAt = startsAt;
        this.capacity = capacity;
    }
}
