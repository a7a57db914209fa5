def main():
    print(undefined_thing)

main()
