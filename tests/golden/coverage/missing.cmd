coverage nothere
