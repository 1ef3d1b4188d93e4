// Pinterest
