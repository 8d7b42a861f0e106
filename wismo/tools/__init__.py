"""What the agent can do; every tool returns evidence with stable source ids."""
