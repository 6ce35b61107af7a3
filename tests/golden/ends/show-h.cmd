show H
