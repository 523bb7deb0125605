-- The relay finds and deletes the events it claimed by their claim token.
CREATE INDEX event_outbox_owner ON event_outbox (owner);
