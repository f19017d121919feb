import { workerData } from "worker_threads";
import { runPartWorker } from "./csv-split";

// The command line's second thread: reads the second part of a large CSV file (see csv-split.ts).
runPartWorker(workerData);
