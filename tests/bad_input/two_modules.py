import helper_mod

def run():
    helper_mod.go(3)

run()
