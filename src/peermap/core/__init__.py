"""The pure domain: model, vocabulary, ranking, suggestions, reminders, review, stats."""
