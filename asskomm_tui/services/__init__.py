"""UI-free services the screens call (search; later reports and documents)."""
