"""The Textual app. Imported only when the explorer is launched (keeps `factex check` fast)."""
