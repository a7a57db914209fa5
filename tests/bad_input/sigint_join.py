import threading
import time
sleeper = threading.Thread(target=time.sleep, args=(30,), daemon=True)
sleeper.start()
try:
    sleeper.join()
except KeyboardInterrupt:
    print("join interrupted")
