import CSV
import RoundTable
import Yams
