"""Where customers write from: web chat, Messenger, Instagram, WhatsApp; and outbound senders."""
