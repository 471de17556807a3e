"""savings"""
